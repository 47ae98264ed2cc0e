"""Enumerations stored as stable English codes; labels come from the catalogs."""

from __future__ import annotations

import enum

from legalaid.i18n import N_, _


class LabelledEnum(enum.StrEnum):
    """A code stored in the vault, with a translatable label."""

    @property
    def label(self) -> str:
        return _(label_msgid(self))

    @classmethod
    def parse(cls, code: str) -> LabelledEnum:
        return cls(code.strip().lower())


class Role(LabelledEnum):
    COORDINATOR = "coordinator"
    LAWYER = "lawyer"
    PARALEGAL = "paralegal"
    MONITOR = "monitor"


class Region(LabelledEnum):
    """Oblasts and cities of republican significance (DOMAIN.md §2)."""

    OSH_CITY = "osh_city"
    OSH = "osh"
    JALAL_ABAD = "jalal_abad"
    BATKEN = "batken"
    BISHKEK = "bishkek"
    CHUI = "chui"
    ISSYK_KUL = "issyk_kul"
    NARYN = "naryn"
    TALAS = "talas"


class Gender(LabelledEnum):
    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"


class Language(LabelledEnum):
    """Languages a person speaks (for interpreters and letters)."""

    KYRGYZ = "ky"
    RUSSIAN = "ru"
    UZBEK = "uz"
    TAJIK = "tg"
    ENGLISH = "en"
    OTHER = "other"


class Vulnerability(LabelledEnum):
    DISABILITY = "disability"
    MINOR = "minor"
    OLDER_PERSON = "older_person"
    MIGRANT_OR_RETURNEE = "migrant_or_returnee"
    STATELESS_OR_UNDOCUMENTED = "stateless_or_undocumented"
    GBV_SURVIVOR = "gbv_survivor"
    LOW_INCOME = "low_income"
    ETHNIC_MINORITY = "ethnic_minority"


class CaseStatus(LabelledEnum):
    INTAKE = "intake"
    OPEN = "open"
    REFERRED = "referred"
    IN_COURT = "in_court"
    CLOSED = "closed"
    REOPENED = "reopened"


class PartyRole(LabelledEnum):
    CLIENT = "client"
    VICTIM = "victim"
    OPPOSING_PARTY = "opposing_party"
    WITNESS = "witness"
    REPRESENTATIVE = "representative"


class CaseOutcome(LabelledEnum):
    ADVICE_GIVEN = "advice_given"
    RESOLVED_FOR_CLIENT = "resolved_for_client"
    PARTLY_RESOLVED = "partly_resolved"
    RESOLVED_AGAINST_CLIENT = "resolved_against_client"
    SETTLED = "settled"
    REFERRED_ELSEWHERE = "referred_elsewhere"
    WITHDRAWN_BY_CLIENT = "withdrawn_by_client"
    CONTACT_LOST = "contact_lost"
    OTHER = "other"


class ActivityKind(LabelledEnum):
    """What a case's timeline entry records: a note, or work done for the client."""

    NOTE = "note"
    CALL = "call"
    MEETING = "meeting"
    VISIT = "visit"
    ADVICE = "advice"
    DOCUMENT_RECEIVED = "document_received"
    DOCUMENT_SENT = "document_sent"


class AgeGroup(LabelledEnum):
    """Age bands for anonymous statistics (no birth date is kept there)."""

    UNDER_18 = "under_18"
    AGE_18_29 = "18_29"
    AGE_30_44 = "30_44"
    AGE_45_59 = "45_59"
    AGE_60_PLUS = "60_plus"
    UNKNOWN = "unknown"


class ConsentKind(LabelledEnum):
    RECORD_DATA = "record_data"
    SHARE = "share"
    CONTACT = "contact"


class ConsentMethod(LabelledEnum):
    SIGNED_FORM = "signed_form"
    ORAL_WITNESSED = "oral_witnessed"


class OrganisationKind(LabelledEnum):
    """Kinds of organisations a client may agree their data is shared with (DOMAIN.md §4.3)."""

    STATE_LEGAL_AID = "state_legal_aid"
    LAW_ENFORCEMENT = "law_enforcement"
    COURTS = "courts"
    HUMAN_RIGHTS_BODIES = "human_rights_bodies"
    SUPPORT_SERVICES = "support_services"
    LOCAL_GOVERNMENT = "local_government"
    NGOS = "ngos"
    INTERNATIONAL = "international"


class RecommendedAction(LabelledEnum):
    ADVICE = "advice"
    REFERRAL = "referral"
    REPRESENTATION = "representation"


class EligibilityOutcome(LabelledEnum):
    """The screening for state-guaranteed legal aid (qualified aid by an SGLA advocate)."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    UNDETERMINED = "undetermined"


class ConflictDecision(LabelledEnum):
    """What the paralegal did about a possible conflict of interest."""

    ACKNOWLEDGED = "acknowledged"
    SENT_TO_LAWYER = "sent_to_lawyer"


class OrganisationType(LabelledEnum):
    """What an organisation of the directory is (issue 6; DOMAIN.md §2.3, §4.3)."""

    SGLA_CENTRE = "sgla_centre"
    OMBUDSMAN = "ombudsman"
    PROSECUTOR = "prosecutor"
    POLICE = "police"
    COURT = "court"
    CRISIS_CENTRE = "crisis_centre"
    NPM = "npm"
    PARTNER_NGO = "partner_ngo"
    INTERNATIONAL = "international"
    OTHER = "other"

    @property
    def share_group(self) -> OrganisationKind | None:
        """The kind of organisations a client's intake consent to share names (None: no
        kind covers it; consent is asked for this organisation itself)."""
        return _SHARE_GROUPS.get(self)


_SHARE_GROUPS = {
    OrganisationType.SGLA_CENTRE: OrganisationKind.STATE_LEGAL_AID,
    OrganisationType.OMBUDSMAN: OrganisationKind.HUMAN_RIGHTS_BODIES,
    OrganisationType.NPM: OrganisationKind.HUMAN_RIGHTS_BODIES,
    OrganisationType.PROSECUTOR: OrganisationKind.LAW_ENFORCEMENT,
    OrganisationType.POLICE: OrganisationKind.LAW_ENFORCEMENT,
    OrganisationType.COURT: OrganisationKind.COURTS,
    OrganisationType.CRISIS_CENTRE: OrganisationKind.SUPPORT_SERVICES,
    OrganisationType.PARTNER_NGO: OrganisationKind.NGOS,
    OrganisationType.INTERNATIONAL: OrganisationKind.INTERNATIONAL,
}


class ReferralMethod(LabelledEnum):
    LETTER = "letter"
    IN_PERSON = "in_person"
    PHONE = "phone"
    EMAIL = "email"


class ReferralStatus(LabelledEnum):
    """Where a referral stands; the allowed moves are in domain/referral_rules.py."""

    DRAFT = "draft"
    SENT = "sent"
    RECEIVED = "received"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    ANSWERED = "answered"
    CLOSED_NO_ANSWER = "closed_no_answer"


class ShareScope(LabelledEnum):
    """What the client agreed may be passed to the organisation of a referral."""

    IDENTITY = "identity"
    CONTACT = "contact"
    FACTS = "facts"
    DOCUMENTS = "documents"
    HEALTH = "health"


class CourtKind(LabelledEnum):
    CONSTITUTIONAL = "constitutional"
    SUPREME = "supreme"
    OBLAST = "oblast"
    CITY = "city"
    DISTRICT = "district"
    ADMINISTRATIVE = "administrative"
    AKSAKAL = "aksakal"


class ProceedingKind(LabelledEnum):
    CRIMINAL = "criminal"
    OFFENCE = "offence"
    CIVIL = "civil"
    ADMINISTRATIVE = "administrative"
    ECONOMIC = "economic"
    AKSAKAL = "aksakal"  # before a court of elders (its decision may be appealed in 10 days)


class ProceduralRole(LabelledEnum):
    """The client's role in a proceeding."""

    ACCUSED = "accused"  # suspect or accused
    VICTIM = "victim"
    PLAINTIFF = "plaintiff"
    DEFENDANT = "defendant"
    APPLICANT = "applicant"
    THIRD_PARTY = "third_party"


class Instance(LabelledEnum):
    INVESTIGATING_JUDGE = "investigating_judge"
    FIRST_INSTANCE = "first_instance"
    APPEAL = "appeal"
    CASSATION = "cassation"
    REVIEW = "review"


class Representation(LabelledEnum):
    """Who represents the client in a proceeding."""

    OURS = "ours"
    STATE_LEGAL_AID = "state_legal_aid"
    PRIVATE = "private"
    NONE = "none"


class ProceedingStatus(LabelledEnum):
    PENDING = "pending"
    DECIDED = "decided"  # a decision at this instance (appealable)
    CLOSED = "closed"


class HearingKind(LabelledEnum):
    PRELIMINARY = "preliminary"
    MAIN = "main"
    CUSTODY = "custody"  # on detention or its extension
    APPEAL = "appeal"
    ANNOUNCEMENT = "announcement"  # the decision is read out
    OTHER = "other"


class HearingResult(LabelledEnum):
    HELD = "held"
    ADJOURNED = "adjourned"
    DECISION_ANNOUNCED = "decision_announced"
    NOT_HELD = "not_held"


class DeadlineState(LabelledEnum):
    OPEN = "open"
    DONE = "done"
    MISSED = "missed"
    NOT_APPLICABLE = "not_applicable"


class ObservationStatus(LabelledEnum):
    """A trial observation's way: the monitor's draft, submitted for review, returned with
    comments, approved by a coordinator (only approved ones count in findings)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"


class TrialStage(LabelledEnum):
    PRETRIAL = "pretrial"  # before an investigating judge (custody, bail, complaints)
    FIRST_INSTANCE = "first_instance"
    APPEAL = "appeal"
    CASSATION = "cassation"
    REVIEW = "review"


class CustodyStatus(LabelledEnum):
    AT_LIBERTY = "at_liberty"
    DETAINED = "detained"
    HOUSE_ARREST = "house_arrest"
    UNKNOWN = "unknown"


class Plea(LabelledEnum):
    ADMITS = "admits"
    DENIES = "denies"
    PARTLY = "partly"
    NOT_STATED = "not_stated"


class CounselType(LabelledEnum):
    PRIVATE = "private"
    STATE_LEGAL_AID = "state_legal_aid"
    NONE = "none"
    WAIVED = "waived"


class AgeBand(LabelledEnum):
    UNDER_18 = "under_18"
    FROM_18_TO_25 = "18_25"
    FROM_26_TO_35 = "26_35"
    FROM_36_TO_50 = "36_50"
    FROM_51_TO_65 = "51_65"
    OVER_65 = "over_65"
    UNKNOWN = "unknown"


# (member, msgid) pairs, not a dict: members are str, so equal codes of different
# classes (Language.OTHER, CaseOutcome.OTHER) would overwrite each other as dict keys.
_LABEL_PAIRS: tuple[tuple[LabelledEnum, str], ...] = (
    (Role.COORDINATOR, N_("coordinator")),
    (Role.LAWYER, N_("lawyer")),
    (Role.PARALEGAL, N_("paralegal")),
    (Role.MONITOR, N_("trial monitor")),
    (Region.OSH_CITY, N_("Osh city")),
    (Region.OSH, N_("Osh oblast")),
    (Region.JALAL_ABAD, N_("Jalal-Abad oblast")),
    (Region.BATKEN, N_("Batken oblast")),
    (Region.BISHKEK, N_("Bishkek city")),
    (Region.CHUI, N_("Chui oblast")),
    (Region.ISSYK_KUL, N_("Issyk-Kul oblast")),
    (Region.NARYN, N_("Naryn oblast")),
    (Region.TALAS, N_("Talas oblast")),
    (Gender.FEMALE, N_("woman")),
    (Gender.MALE, N_("man")),
    (Gender.UNKNOWN, N_("not stated")),
    (Language.KYRGYZ, N_("Kyrgyz")),
    (Language.RUSSIAN, N_("Russian")),
    (Language.UZBEK, N_("Uzbek")),
    (Language.TAJIK, N_("Tajik")),
    (Language.ENGLISH, N_("English")),
    (Language.OTHER, N_("another language")),
    (Vulnerability.DISABILITY, N_("disability")),
    (Vulnerability.MINOR, N_("minor")),
    (Vulnerability.OLDER_PERSON, N_("older person")),
    (Vulnerability.MIGRANT_OR_RETURNEE, N_("migrant or returnee")),
    (Vulnerability.STATELESS_OR_UNDOCUMENTED, N_("stateless or undocumented")),
    (Vulnerability.GBV_SURVIVOR, N_("survivor of gender-based violence")),
    (Vulnerability.LOW_INCOME, N_("low income")),
    (Vulnerability.ETHNIC_MINORITY, N_("ethnic minority")),
    (CaseStatus.INTAKE, N_("intake")),
    (CaseStatus.OPEN, N_("open")),
    (CaseStatus.REFERRED, N_("referred")),
    (CaseStatus.IN_COURT, N_("in court")),
    (CaseStatus.CLOSED, N_("closed")),
    (CaseStatus.REOPENED, N_("reopened")),
    (PartyRole.CLIENT, N_("client")),
    (PartyRole.VICTIM, N_("victim")),
    (PartyRole.OPPOSING_PARTY, N_("opposing party")),
    (PartyRole.WITNESS, N_("witness")),
    (PartyRole.REPRESENTATIVE, N_("representative")),
    (CaseOutcome.ADVICE_GIVEN, N_("advice given")),
    (CaseOutcome.RESOLVED_FOR_CLIENT, N_("resolved in the client's favour")),
    (CaseOutcome.PARTLY_RESOLVED, N_("partly resolved")),
    (CaseOutcome.RESOLVED_AGAINST_CLIENT, N_("decided against the client")),
    (CaseOutcome.SETTLED, N_("settled")),
    (CaseOutcome.REFERRED_ELSEWHERE, N_("referred elsewhere")),
    (CaseOutcome.WITHDRAWN_BY_CLIENT, N_("withdrawn by the client")),
    (CaseOutcome.CONTACT_LOST, N_("contact with the client lost")),
    (CaseOutcome.OTHER, N_("other outcome")),
    (ActivityKind.NOTE, N_("note")),
    (ActivityKind.CALL, N_("phone call")),
    (ActivityKind.MEETING, N_("meeting")),
    (ActivityKind.VISIT, N_("visit")),
    (ActivityKind.ADVICE, N_("advice given")),
    (ActivityKind.DOCUMENT_RECEIVED, N_("document received")),
    (ActivityKind.DOCUMENT_SENT, N_("document sent")),
    (AgeGroup.UNDER_18, N_("under 18")),
    (AgeGroup.AGE_18_29, N_("18 to 29")),
    (AgeGroup.AGE_30_44, N_("30 to 44")),
    (AgeGroup.AGE_45_59, N_("45 to 59")),
    (AgeGroup.AGE_60_PLUS, N_("60 and over")),
    (AgeGroup.UNKNOWN, N_("age not known")),
    (ConsentKind.RECORD_DATA, N_("to record their data")),
    (ConsentKind.SHARE, N_("to share their data with other organisations")),
    (ConsentKind.CONTACT, N_("to be contacted")),
    (ConsentMethod.SIGNED_FORM, N_("signed paper form")),
    (ConsentMethod.ORAL_WITNESSED, N_("oral, in the presence of a witness")),
    (OrganisationKind.STATE_LEGAL_AID, N_("state legal aid")),
    (OrganisationKind.LAW_ENFORCEMENT, N_("prosecutor and police")),
    (OrganisationKind.COURTS, N_("courts")),
    (OrganisationKind.HUMAN_RIGHTS_BODIES, N_("Ombudsperson and human-rights bodies")),
    (OrganisationKind.SUPPORT_SERVICES, N_("crisis centres and support services")),
    (OrganisationKind.LOCAL_GOVERNMENT, N_("registration offices and local government")),
    (OrganisationKind.NGOS, N_("other NGOs and legal clinics")),
    (OrganisationKind.INTERNATIONAL, N_("international organisations")),
    (RecommendedAction.ADVICE, N_("advice given")),
    (RecommendedAction.REFERRAL, N_("referral")),
    (RecommendedAction.REPRESENTATION, N_("representation")),
    (EligibilityOutcome.ELIGIBLE, N_("eligible for state-guaranteed legal aid")),
    (EligibilityOutcome.NOT_ELIGIBLE, N_("not eligible (primary consultation only)")),
    (EligibilityOutcome.UNDETERMINED, N_("eligibility not determined")),
    (ConflictDecision.ACKNOWLEDGED, N_("conflict acknowledged")),
    (ConflictDecision.SENT_TO_LAWYER, N_("sent to a lawyer")),
    (OrganisationType.SGLA_CENTRE, N_("state legal aid centre")),
    (OrganisationType.OMBUDSMAN, N_("Ombudsperson's office")),
    (OrganisationType.PROSECUTOR, N_("prosecutor's office")),
    (OrganisationType.POLICE, N_("police")),
    (OrganisationType.COURT, N_("court")),
    (OrganisationType.CRISIS_CENTRE, N_("crisis centre")),
    (OrganisationType.NPM, N_("national preventive mechanism")),
    (OrganisationType.PARTNER_NGO, N_("partner NGO")),
    (OrganisationType.INTERNATIONAL, N_("international organisation")),
    (OrganisationType.OTHER, N_("other organisation")),
    (ReferralMethod.LETTER, N_("letter")),
    (ReferralMethod.IN_PERSON, N_("in person")),
    (ReferralMethod.PHONE, N_("by phone")),
    (ReferralMethod.EMAIL, N_("by email")),
    (ReferralStatus.DRAFT, N_("draft")),
    (ReferralStatus.SENT, N_("sent")),
    (ReferralStatus.RECEIVED, N_("received by them")),
    (ReferralStatus.ACCEPTED, N_("accepted")),
    (ReferralStatus.DECLINED, N_("declined")),
    (ReferralStatus.ANSWERED, N_("answered")),
    (ReferralStatus.CLOSED_NO_ANSWER, N_("closed without answer")),
    (ShareScope.IDENTITY, N_("name and identity")),
    (ShareScope.CONTACT, N_("contact details")),
    (ShareScope.FACTS, N_("facts of the case")),
    (ShareScope.DOCUMENTS, N_("copies of documents")),
    (ShareScope.HEALTH, N_("health information")),
    (CourtKind.CONSTITUTIONAL, N_("constitutional court")),
    (CourtKind.SUPREME, N_("supreme court")),
    (CourtKind.OBLAST, N_("oblast court")),
    (CourtKind.CITY, N_("city court")),
    (CourtKind.DISTRICT, N_("district court")),
    (CourtKind.ADMINISTRATIVE, N_("administrative court")),
    (CourtKind.AKSAKAL, N_("aksakal court")),
    (ProceedingKind.CRIMINAL, N_("criminal")),
    (ProceedingKind.OFFENCE, N_("offence")),
    (ProceedingKind.CIVIL, N_("civil")),
    (ProceedingKind.ADMINISTRATIVE, N_("administrative")),
    (ProceedingKind.ECONOMIC, N_("economic")),
    (ProceedingKind.AKSAKAL, N_("before an aksakal court")),
    (ProceduralRole.ACCUSED, N_("suspect or accused")),
    (ProceduralRole.VICTIM, N_("victim")),
    (ProceduralRole.PLAINTIFF, N_("plaintiff")),
    (ProceduralRole.DEFENDANT, N_("defendant")),
    (ProceduralRole.APPLICANT, N_("applicant")),
    (ProceduralRole.THIRD_PARTY, N_("third party")),
    (Instance.INVESTIGATING_JUDGE, N_("investigating judge")),
    (Instance.FIRST_INSTANCE, N_("first instance")),
    (Instance.APPEAL, N_("appeal")),
    (Instance.CASSATION, N_("cassation")),
    (Instance.REVIEW, N_("review")),
    (Representation.OURS, N_("our lawyer")),
    (Representation.STATE_LEGAL_AID, N_("state-guaranteed legal aid lawyer")),
    (Representation.PRIVATE, N_("private lawyer")),
    (Representation.NONE, N_("not represented")),
    (ProceedingStatus.PENDING, N_("pending")),
    (ProceedingStatus.DECIDED, N_("decided")),
    (ProceedingStatus.CLOSED, N_("finished")),
    (HearingKind.PRELIMINARY, N_("preliminary hearing")),
    (HearingKind.MAIN, N_("hearing on the merits")),
    (HearingKind.CUSTODY, N_("custody hearing")),
    (HearingKind.APPEAL, N_("appeal hearing")),
    (HearingKind.ANNOUNCEMENT, N_("announcement of the decision")),
    (HearingKind.OTHER, N_("other hearing")),
    (HearingResult.HELD, N_("held")),
    (HearingResult.ADJOURNED, N_("adjourned")),
    (HearingResult.DECISION_ANNOUNCED, N_("decision announced")),
    (HearingResult.NOT_HELD, N_("not held")),
    (DeadlineState.OPEN, N_("to do")),
    (DeadlineState.DONE, N_("done")),
    (DeadlineState.MISSED, N_("missed")),
    (DeadlineState.NOT_APPLICABLE, N_("not applicable")),
    (ObservationStatus.DRAFT, N_("draft")),
    (ObservationStatus.SUBMITTED, N_("submitted for review")),
    (ObservationStatus.RETURNED, N_("returned to the monitor")),
    (ObservationStatus.APPROVED, N_("approved")),
    (TrialStage.PRETRIAL, N_("pre-trial (investigating judge)")),
    (TrialStage.FIRST_INSTANCE, N_("trial at first instance")),
    (TrialStage.APPEAL, N_("appeal")),
    (TrialStage.CASSATION, N_("cassation")),
    (TrialStage.REVIEW, N_("review")),
    (CustodyStatus.AT_LIBERTY, N_("at liberty")),
    (CustodyStatus.DETAINED, N_("detained")),
    (CustodyStatus.HOUSE_ARREST, N_("under house arrest")),
    (CustodyStatus.UNKNOWN, N_("custody not known")),
    (Plea.ADMITS, N_("admits the charge")),
    (Plea.DENIES, N_("denies the charge")),
    (Plea.PARTLY, N_("admits it in part")),
    (Plea.NOT_STATED, N_("position not stated")),
    (CounselType.PRIVATE, N_("private counsel")),
    (CounselType.STATE_LEGAL_AID, N_("state-guaranteed legal aid")),
    (CounselType.NONE, N_("no counsel")),
    (CounselType.WAIVED, N_("counsel waived")),
    (AgeBand.UNDER_18, N_("under 18")),
    (AgeBand.FROM_18_TO_25, N_("18–25")),
    (AgeBand.FROM_26_TO_35, N_("26–35")),
    (AgeBand.FROM_36_TO_50, N_("36–50")),
    (AgeBand.FROM_51_TO_65, N_("51–65")),
    (AgeBand.OVER_65, N_("over 65")),
    (AgeBand.UNKNOWN, N_("age not known")),
)


_LABELS_BY_CLASS: dict[tuple[type, str], str] = {
    (type(member), member.value): msgid for member, msgid in _LABEL_PAIRS
}


def label_msgid(member: LabelledEnum) -> str:
    """The untranslated label of a member (for tables of msgids kept elsewhere)."""
    return _LABELS_BY_CLASS[(type(member), member.value)]
