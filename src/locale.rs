//! The language of glose's own words (CLI messages, report headings, later the TUI):
//! French or English, chosen by `glose.toml` (`[ui] language`, else the study's
//! `language` when it is `fr` or `en`… after the person's locale), never by guess.
//!
//! Order for messages ([`Lang::for_study`]): `[ui] language` in `glose.toml`; else the locale (`LC_ALL`, then `LC_MESSAGES`,
//! then `LANG`, the first set and not `C`/`POSIX`); else the study's `language`; else
//! English. Outputs of a study (exports, report) use [`Lang::for_outputs`], which skips
//! the locale.
//!
//! Words live in tables of [`Words`] (one pair per phrase), one table per front door or
//! output, so a door's strings are in one place per language: `const TITLE: Words =
//! Words::new("Codes by stage", "Codes par étape"); TITLE.get(lang)`.

use serde::{Deserialize, Serialize};

/// A language glose speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The language of a code or locale name: `fr`, `fr_FR.UTF-8`, `French`, `français`
    /// are French, `en…` English, anything else `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let c = crate::text::fold(code.trim());
        if c.starts_with("fr") {
            Some(Lang::Fr)
        } else if c.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The two-letter code (`en`, `fr`), as the export options take it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// `en` or `fr` of the pair.
    pub fn pick<T>(self, en: T, fr: T) -> T {
        match self {
            Lang::En => en,
            Lang::Fr => fr,
        }
    }

    /// The language of the locale variables as given (`LC_ALL`, `LC_MESSAGES`, `LANG`, in
    /// that order of precedence): the first one set and not `C` or `POSIX` decides.
    pub fn from_locale(vars: [Option<&str>; 3]) -> Option<Lang> {
        let first = vars
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|v| !v.is_empty() && *v != "C" && *v != "POSIX" && !v.starts_with("C."))?;
        Lang::from_code(first)
    }

    /// The language in force: `ui` (`[ui] language` of glose.toml), else the locale
    /// variables, else `study` (the study's language), else English.
    pub fn choose(ui: Option<&str>, locale: [Option<&str>; 3], study: Option<&str>) -> Lang {
        ui.and_then(Lang::from_code)
            .or_else(|| Lang::from_locale(locale))
            .or_else(|| study.and_then(Lang::from_code))
            .unwrap_or_default()
    }

    /// The language in force for `config` and this process's environment.
    pub fn for_study(config: &crate::config::StudyConfig) -> Lang {
        let var = |k: &str| std::env::var(k).ok();
        let (all, messages, lang) = (var("LC_ALL"), var("LC_MESSAGES"), var("LANG"));
        Lang::choose(
            config.ui_language.as_deref(),
            [all.as_deref(), messages.as_deref(), lang.as_deref()],
            Some(&config.language),
        )
    }
}

impl Lang {
    /// The language of what glose writes for a study (exports' labels, the report): the
    /// `[ui] language` of glose.toml, else the study's language when it is French or
    /// English; not the locale, so that one study's outputs read the same on every
    /// researcher's machine. A study in another language gets French labels (the
    /// codebook's first language).
    pub fn for_outputs(config: &crate::config::StudyConfig) -> Lang {
        config
            .ui_language
            .as_deref()
            .and_then(Lang::from_code)
            .or_else(|| Lang::from_code(&config.language))
            .unwrap_or(Lang::Fr)
    }
}

/// One phrase in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// In English.
    pub en: &'static str,
    /// In French.
    pub fr: &'static str,
}

impl Words {
    /// The pair.
    pub const fn new(en: &'static str, fr: &'static str) -> Words {
        Words { en, fr }
    }

    /// The phrase in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.en, self.fr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_locales() {
        assert_eq!(Lang::from_code("fr_FR.UTF-8"), Some(Lang::Fr));
        assert_eq!(Lang::from_code("Français"), Some(Lang::Fr));
        assert_eq!(Lang::from_code("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
        // LC_ALL wins over LANG; C and POSIX say nothing.
        assert_eq!(
            Lang::from_locale([Some("en_US.UTF-8"), None, Some("fr_FR.UTF-8")]),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_locale([Some("C"), Some(""), Some("fr_FR.UTF-8")]),
            Some(Lang::Fr)
        );
        assert_eq!(Lang::from_locale([None, None, Some("POSIX")]), None);
    }

    #[test]
    fn glose_toml_then_locale_then_study_language() {
        let fr_env = [None, None, Some("fr_FR.UTF-8")];
        assert_eq!(Lang::choose(Some("en"), fr_env, Some("fr")), Lang::En);
        assert_eq!(Lang::choose(None, fr_env, Some("en")), Lang::Fr);
        assert_eq!(
            Lang::choose(None, [None, None, Some("C")], Some("fr")),
            Lang::Fr
        );
        assert_eq!(Lang::choose(None, [None; 3], Some("de")), Lang::En);
        assert_eq!(Lang::choose(Some("klingon"), [None; 3], None), Lang::En);
        const T: Words = Words::new("Codes by stage", "Codes par étape");
        assert_eq!(T.get(Lang::Fr), "Codes par étape");
    }
}
