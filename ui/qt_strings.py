"""Qt's own strings that people see (standard buttons, text-field menus), marked for our
catalogs. Qt ships Russian and English; Kyrgyz comes from here, since Qt has none.

Contexts are Qt's translation contexts, prefixed with "qt:" in our catalogs.
"""

from legalaid.i18n import NP_

QT_STRINGS = (
    NP_("qt:QPlatformTheme", "OK"),
    NP_("qt:QPlatformTheme", "Cancel"),
    NP_("qt:QPlatformTheme", "Yes"),
    NP_("qt:QPlatformTheme", "No"),
    NP_("qt:QPlatformTheme", "Save"),
    NP_("qt:QPlatformTheme", "Close"),
    NP_("qt:QPlatformTheme", "Discard"),
    NP_("qt:QPlatformTheme", "Apply"),
    NP_("qt:QPlatformTheme", "Open"),
    NP_("qt:QPlatformTheme", "Help"),
    NP_("qt:QPlatformTheme", "Yes to All"),
    NP_("qt:QPlatformTheme", "No to All"),
    NP_("qt:QPlatformTheme", "Retry"),
    NP_("qt:QPlatformTheme", "Abort"),
    NP_("qt:QPlatformTheme", "Ignore"),
    NP_("qt:QPlatformTheme", "Reset"),
    NP_("qt:QPlatformTheme", "Restore Defaults"),
    NP_("qt:QLineEdit", "&Undo"),
    NP_("qt:QLineEdit", "&Redo"),
    NP_("qt:QLineEdit", "Cu&t"),
    NP_("qt:QLineEdit", "&Copy"),
    NP_("qt:QLineEdit", "&Paste"),
    NP_("qt:QLineEdit", "Delete"),
    NP_("qt:QLineEdit", "Select All"),
    NP_("qt:QWidgetTextControl", "&Undo"),
    NP_("qt:QWidgetTextControl", "&Redo"),
    NP_("qt:QWidgetTextControl", "Cu&t"),
    NP_("qt:QWidgetTextControl", "&Copy"),
    NP_("qt:QWidgetTextControl", "&Paste"),
    NP_("qt:QWidgetTextControl", "Delete"),
    NP_("qt:QWidgetTextControl", "Select All"),
)
