; Inno Setup 6 script for Legal Aid Desk on Windows: a per-machine install into Program
; Files, Start menu and (optional) desktop shortcuts, the shared vault folder every staff
; account of the PC can use, and an uninstaller that never deletes a vault.
;
; Built by installer/build.py --setup (on Windows, after the PyInstaller bundle), which passes
; the version from pyproject.toml and the bundle's folder:
;   ISCC /DAppVersion=0.1.0 /DDistDir=C:\src\legalaid\dist /OC:\src\legalaid\dist legalaid.iss
;
; Languages: English and Russian (Inno Setup ships both). Inno Setup has no official Kyrgyz
; messages file; Kyrgyz-speaking staff get Russian setup screens, and the app itself in
; Kyrgyz from its first start.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef DistDir
  #define DistDir "..\dist"
#endif

[Setup]
AppId={{6C1B8E52-3A7D-4F0E-9B15-2D4E7A9C0F31}
AppName=Legal Aid Desk
AppVersion={#AppVersion}
AppVerName=Legal Aid Desk {#AppVersion}
AppPublisher=Legal Aid Desk contributors
VersionInfoVersion={#AppVersion}
VersionInfoCompany=Legal Aid Desk contributors
VersionInfoDescription=Legal Aid Desk setup
DefaultDirName={autopf}\Legal Aid Desk
DefaultGroupName=Legal Aid Desk
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=LegalAidDesk-{#AppVersion}-setup
SetupIconFile=..\resources\icons\legalaid.ico
UninstallDisplayIcon={app}\LegalAidDesk.exe
UninstallDisplayName=Legal Aid Desk
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"

[CustomMessages]
en.VaultsKept=Vaults are never removed: they stay in %1 and in staff members' own folders.
ru.VaultsKept=Хранилища никогда не удаляются: они остаются в %1 и в личных папках сотрудников.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Dirs]
; The shared vault folder: every account of the PC may create and open the office's vault
; (it is encrypted; the passphrases keep it closed). Never removed by the uninstaller.
Name: "{commonappdata}\LegalAidDesk"; Permissions: users-modify; Flags: uninsneveruninstall

[Files]
Source: "{#DistDir}\legalaid\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Legal Aid Desk"; Filename: "{app}\LegalAidDesk.exe"
Name: "{group}\{cm:UninstallProgram,Legal Aid Desk}"; Filename: "{uninstallexe}"
Name: "{commondesktop}\Legal Aid Desk"; Filename: "{app}\LegalAidDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\LegalAidDesk.exe"; Description: "{cm:LaunchProgram,Legal Aid Desk}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: the uninstaller removes only the files it
; installed. Vaults, key files and backups are the NGO's records.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('VaultsKept'), [ExpandConstant('{commonappdata}\LegalAidDesk')]),
      mbInformation, MB_OK);
end;
