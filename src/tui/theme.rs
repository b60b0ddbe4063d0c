//! Colours and text styles: truecolor when the terminal says so, a 256-colour fallback
//! otherwise, and no colour at all under `NO_COLOR` (modifiers carry the meaning then).

use ratatui::style::{Color, Modifier, Style};

/// How many colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    /// `NO_COLOR` is set: bold, italic, underline and reverse only.
    None,
    /// The xterm 256-colour palette.
    Ansi256,
    /// 24-bit colour (`COLORTERM=truecolor` or `24bit`).
    TrueColor,
}

impl ColorMode {
    /// Reads `NO_COLOR` and `COLORTERM` the way the conventions say.
    pub fn detect() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let colorterm = std::env::var("COLORTERM").unwrap_or_default();
        Self::from_env(no_color, &colorterm)
    }

    /// The mode for given environment values (testable without touching the environment).
    pub fn from_env(no_color: bool, colorterm: &str) -> Self {
        if no_color {
            Self::None
        } else if matches!(
            colorterm.to_ascii_lowercase().as_str(),
            "truecolor" | "24bit"
        ) {
            Self::TrueColor
        } else {
            Self::Ansi256
        }
    }
}

/// The styles the views draw with.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// The colour capability everything is mapped to.
    pub mode: ColorMode,
}

/// The xterm colour cube levels.
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The nearest xterm-256 index of an RGB colour (colour cube or grey ramp).
pub fn to_ansi256(r: u8, g: u8, b: u8) -> u8 {
    let nearest = |v: u8| -> usize {
        CUBE.iter()
            .enumerate()
            .min_by_key(|(_, c)| (i32::from(**c) - i32::from(v)).abs())
            .map_or(0, |(i, _)| i)
    };
    let (ri, gi, bi) = (nearest(r), nearest(g), nearest(b));
    let cube_rgb = (CUBE[ri], CUBE[gi], CUBE[bi]);
    let dist = |a: (u8, u8, u8)| {
        let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
        d(a.0, r) + d(a.1, g) + d(a.2, b)
    };
    let avg = (u16::from(r) + u16::from(g) + u16::from(b)) / 3;
    let grey_i = ((avg.saturating_sub(8)) / 10).min(23) as u8;
    let grey = 8 + 10 * grey_i;
    let cube_index = 16 + 36 * ri as u8 + 6 * gi as u8 + bi as u8;
    if dist((grey, grey, grey)) < dist(cube_rgb) {
        232 + grey_i
    } else {
        cube_index
    }
}

impl Theme {
    /// The theme for the current terminal.
    pub fn detect() -> Self {
        Self {
            mode: ColorMode::detect(),
        }
    }

    /// A colour from RGB, mapped to the terminal's capability (`None` under `NO_COLOR`).
    pub fn rgb(&self, r: u8, g: u8, b: u8) -> Option<Color> {
        match self.mode {
            ColorMode::None => None,
            ColorMode::TrueColor => Some(Color::Rgb(r, g, b)),
            ColorMode::Ansi256 => Some(Color::Indexed(to_ansi256(r, g, b))),
        }
    }

    /// The colour of a code (`#RRGGBB` in the codebook), grey when it has none.
    pub fn code(&self, rgb: Option<(u8, u8, u8)>) -> Option<Color> {
        let (r, g, b) = rgb.unwrap_or((128, 128, 128));
        self.rgb(r, g, b)
    }

    fn fg(&self, r: u8, g: u8, b: u8) -> Style {
        match self.rgb(r, g, b) {
            Some(c) => Style::new().fg(c),
            None => Style::new(),
        }
    }

    /// A style with a code's colour as foreground (bold under `NO_COLOR`).
    pub fn code_fg(&self, rgb: Option<(u8, u8, u8)>) -> Style {
        match self.code(rgb) {
            Some(c) => Style::new().fg(c),
            None => Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// Plain text.
    pub fn text(&self) -> Style {
        Style::new()
    }

    /// Secondary text (counts, hints, help descriptions).
    pub fn dim(&self) -> Style {
        match self.mode {
            ColorMode::None => Style::new().add_modifier(Modifier::DIM),
            _ => self.fg(140, 140, 140),
        }
    }

    /// The interviewer's words: set back, so the founder's words stand out.
    pub fn interviewer(&self) -> Style {
        self.fg(120, 150, 175).add_modifier(Modifier::ITALIC)
    }

    /// A speaker label.
    pub fn label(&self, interviewer: bool) -> Style {
        let base = if interviewer {
            self.fg(95, 135, 175)
        } else {
            self.fg(215, 135, 0)
        };
        base.add_modifier(Modifier::BOLD)
    }

    /// The selected passage.
    pub fn selection(&self) -> Style {
        match self.rgb(50, 70, 110) {
            Some(c) => Style::new().bg(c),
            None => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// A search match.
    pub fn matched(&self) -> Style {
        match self.rgb(215, 175, 0) {
            Some(c) => Style::new().bg(c).fg(Color::Black),
            None => Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
        }
    }

    /// The text of the coding under focus.
    pub fn focused_coding(&self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }

    /// The cursor cell.
    pub fn cursor(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The highlighted row of a list.
    pub fn list_selected(&self) -> Style {
        match self.rgb(60, 60, 80) {
            Some(c) => Style::new().bg(c).add_modifier(Modifier::BOLD),
            None => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// A pane border (brighter when the pane has the focus).
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(95, 175, 255).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }

    /// A title or heading.
    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The status line.
    pub fn status(&self) -> Style {
        match self.rgb(40, 40, 50) {
            Some(c) => Style::new().bg(c),
            None => Style::new(),
        }
    }

    /// A key name in hints and help.
    pub fn key(&self) -> Style {
        self.fg(95, 175, 255).add_modifier(Modifier::BOLD)
    }

    /// An error message.
    pub fn error(&self) -> Style {
        self.fg(255, 95, 95).add_modifier(Modifier::BOLD)
    }

    /// A success message.
    pub fn ok(&self) -> Style {
        self.fg(95, 215, 95)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_mode_follows_conventions() {
        assert_eq!(ColorMode::from_env(true, "truecolor"), ColorMode::None);
        assert_eq!(
            ColorMode::from_env(false, "truecolor"),
            ColorMode::TrueColor
        );
        assert_eq!(ColorMode::from_env(false, "24bit"), ColorMode::TrueColor);
        assert_eq!(ColorMode::from_env(false, ""), ColorMode::Ansi256);
    }

    #[test]
    fn ansi256_matches_xterm_palette() {
        // Published xterm values: 196 is #ff0000, 21 is #0000ff, 231 white, 16 black,
        // 244 is #808080.
        assert_eq!(to_ansi256(255, 0, 0), 196);
        assert_eq!(to_ansi256(0, 0, 255), 21);
        assert_eq!(to_ansi256(255, 255, 255), 231);
        assert_eq!(to_ansi256(0, 0, 0), 16);
        assert_eq!(to_ansi256(128, 128, 128), 244);
    }

    #[test]
    fn no_color_gives_no_colours() {
        let t = Theme {
            mode: ColorMode::None,
        };
        assert_eq!(t.code(Some((1, 2, 3))), None);
        assert_eq!(t.selection(), Style::new().add_modifier(Modifier::REVERSED));
    }
}
