//! The query language: a small hand-written parser with exact error positions.
//!
//! Grammar (precedence NOT > AND > OR; juxtaposition is AND):
//!
//! ```text
//! query   := or
//! or      := and ("OR" and)*
//! and     := unary (["AND"] unary)*
//! unary   := ("NOT" | "-") unary | primary
//! primary := "(" or ")" | "uncoded" | KEY ":" value ("|" value)* | PHRASE ["~" N] | WORD ["*"]
//! value   := WORD | PHRASE
//! ```
//!
//! `AND`, `OR` and `NOT` are operators only in capitals: `ou` and `et` are French words.
//! Positions are 0-based char offsets into the query text.
//!
//! A query is at most [`MAX_QUERY_CHARS`] characters and nests at most
//! [`MAX_QUERY_DEPTH`] levels (parentheses and `NOT`/`-` together), so that parsing,
//! compiling and highlighting, which recurse over the tree, never exhaust the stack.

use std::fmt;

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 4000;

/// The deepest nesting accepted: parentheses and `NOT`/`-` each count one level.
pub const MAX_QUERY_DEPTH: usize = 64;

/// A malformed query: where (0-based char offset) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct QueryError {
    /// 0-based char offset of the problem in the query text.
    pub position: usize,
    /// What is wrong, and how to fix it.
    pub message: String,
}

impl QueryError {
    /// Builds an error at `position`.
    pub fn new(position: usize, message: impl Into<String>) -> Self {
        Self {
            position,
            message: message.into(),
        }
    }

    /// The 1-based column, as shown in `query:COLUMN: message`.
    pub fn column(&self) -> usize {
        self.position + 1
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "query:{}: {}", self.column(), self.message)
    }
}

/// A node of a parsed query. `at` fields are 0-based char offsets in the query text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// All children must match.
    And(Vec<Node>),
    /// At least one child must match.
    Or(Vec<Node>),
    /// The child must not match.
    Not(Box<Node>),
    /// A word, matched through the analyser (case, accents, stemming).
    Word {
        /// The word as typed.
        text: String,
        /// Where it starts.
        at: usize,
    },
    /// A prefix (`influenc*`): words starting with it, case and accents folded, unstemmed.
    Prefix {
        /// The prefix without its `*`.
        text: String,
        /// Where it starts.
        at: usize,
    },
    /// An exact phrase (`"bouche à oreille"`), or a proximity query when `slop` is set
    /// (`"communauté clients"~5`).
    Phrase {
        /// The text between the quotes.
        text: String,
        /// The allowed distance, `None` for an exact phrase.
        slop: Option<u32>,
        /// Where the opening quote is.
        at: usize,
    },
    /// A filter `key:value` (values separated by `|` are alternatives).
    Filter {
        /// The key as typed, lower-cased (`stage`, `doc`, `speaker`, `role`, `code`,
        /// `coder`, or a case attribute).
        key: String,
        /// The alternative values.
        values: Vec<String>,
        /// Where the key starts.
        at: usize,
        /// Where the value starts.
        value_at: usize,
    },
    /// Passages no coding touches.
    Uncoded {
        /// Where the keyword starts.
        at: usize,
    },
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The query text as typed.
    pub source: String,
    /// The root node.
    pub root: Node,
}

impl Query {
    /// Whether the query filters on codings (`code:`, `coder:`, `uncoded`), so that the
    /// caller only reads the coder files when they matter.
    pub fn uses_codings(&self) -> bool {
        let mut uses = false;
        self.root.walk(&mut |n| {
            uses |= match n {
                Node::Uncoded { .. } => true,
                Node::Filter { key, .. } => key == "code" || key == "coder",
                _ => false,
            }
        });
        uses
    }
}

/// Parses a query; a malformed one gives its position and what is wrong.
pub fn parse_query(source: &str) -> Result<Query, QueryError> {
    let chars: Vec<char> = source.chars().collect();
    if chars.len() > MAX_QUERY_CHARS {
        return Err(QueryError::new(
            MAX_QUERY_CHARS,
            format!(
                "the query is too long ({} characters): at most {MAX_QUERY_CHARS}",
                chars.len()
            ),
        ));
    }
    let tokens = lex(&chars)?;
    let mut p = Parser {
        tokens: &tokens,
        pos: 0,
        end: chars.len(),
        depth: 0,
    };
    if tokens.is_empty() {
        return Err(QueryError::new(
            0,
            "empty query: type a word, a \"phrase\" or a filter",
        ));
    }
    let root = p.or()?;
    if let Some(t) = p.peek() {
        let msg = match t.kind {
            Tok::Close => "unexpected `)`: no `(` opens it",
            _ => "unexpected text",
        };
        return Err(QueryError::new(t.at, msg));
    }
    Ok(Query {
        source: source.to_string(),
        root,
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Open,
    Close,
    And,
    Or,
    Not,
    Minus,
    Leaf(Node),
}

#[derive(Debug, Clone)]
struct Token {
    kind: Tok,
    at: usize,
}

fn is_stop(c: char) -> bool {
    c.is_whitespace() || c == '(' || c == ')' || c == '"'
}

fn is_key(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next().is_some_and(char::is_alphabetic)
        && cs.all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// Reads a quoted string starting at `chars[i] == '"'`; returns (text, index after quote).
fn quoted(chars: &[char], i: usize) -> Result<(String, usize), QueryError> {
    let mut j = i + 1;
    let mut text = String::new();
    while j < chars.len() && chars[j] != '"' {
        text.push(chars[j]);
        j += 1;
    }
    if j >= chars.len() {
        return Err(QueryError::new(i, "unclosed quote: add a closing \""));
    }
    Ok((text, j + 1))
}

fn lex(chars: &[char]) -> Result<Vec<Token>, QueryError> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let at = i;
        if c == '(' || c == ')' {
            let kind = if c == '(' { Tok::Open } else { Tok::Close };
            out.push(Token { kind, at });
            i += 1;
            continue;
        }
        if c == '-'
            && chars
                .get(i + 1)
                .is_some_and(|n| !n.is_whitespace() && *n != ')')
        {
            out.push(Token {
                kind: Tok::Minus,
                at,
            });
            i += 1;
            continue;
        }
        if c == '"' {
            let (text, mut j) = quoted(chars, i)?;
            if text.trim().is_empty() {
                return Err(QueryError::new(
                    at,
                    "empty phrase: put words between the quotes",
                ));
            }
            let mut slop = None;
            if chars.get(j) == Some(&'~') {
                let start = j + 1;
                let mut k = start;
                while k < chars.len() && chars[k].is_ascii_digit() {
                    k += 1;
                }
                let digits: String = chars[start..k].iter().collect();
                let n = digits
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n <= 1000)
                    .ok_or_else(|| {
                        QueryError::new(j, "`~` must be followed by a distance in words, e.g. ~5")
                    })?;
                slop = Some(n);
                j = k;
            }
            if chars.get(j).is_some_and(|c| !is_stop(*c)) {
                return Err(QueryError::new(j, "put a space after a closing quote"));
            }
            out.push(Token {
                kind: Tok::Leaf(Node::Phrase { text, slop, at }),
                at,
            });
            i = j;
            continue;
        }
        // A bare word, an operator or a filter.
        let mut j = i;
        while j < chars.len() && !is_stop(chars[j]) && chars[j] != ':' {
            j += 1;
        }
        let head: String = chars[i..j].iter().collect();
        if chars.get(j) == Some(&':') && is_key(&head) {
            let (values, end) = filter_values(chars, j + 1)?;
            out.push(Token {
                kind: Tok::Leaf(Node::Filter {
                    key: head.to_lowercase(),
                    values,
                    at,
                    value_at: j + 1,
                }),
                at,
            });
            i = end;
            continue;
        }
        while j < chars.len() && !is_stop(chars[j]) {
            j += 1;
        }
        let word: String = chars[i..j].iter().collect();
        i = j;
        let kind = match word.as_str() {
            "AND" | "&&" => Tok::And,
            "OR" | "||" => Tok::Or,
            "NOT" => Tok::Not,
            "uncoded" | "UNCODED" => Tok::Leaf(Node::Uncoded { at }),
            _ => Tok::Leaf(word_leaf(word, at)?),
        };
        out.push(Token { kind, at });
    }
    Ok(out)
}

fn word_leaf(word: String, at: usize) -> Result<Node, QueryError> {
    let stars = word.chars().filter(|c| *c == '*').count();
    match word.strip_suffix('*') {
        Some(prefix) if stars == 1 => {
            if !prefix.chars().any(char::is_alphanumeric) {
                return Err(QueryError::new(
                    at,
                    "`*` needs a prefix before it, e.g. influenc*",
                ));
            }
            Ok(Node::Prefix {
                text: prefix.to_string(),
                at,
            })
        }
        _ if stars > 0 => {
            let off = word.chars().position(|c| c == '*').unwrap_or(0);
            Err(QueryError::new(
                at + off,
                "`*` is allowed only at the end of a word",
            ))
        }
        _ => Ok(Node::Word { text: word, at }),
    }
}

/// Reads `value(|value)*` after a `key:`; returns the values and the index after them.
fn filter_values(chars: &[char], mut i: usize) -> Result<(Vec<String>, usize), QueryError> {
    let mut values = Vec::new();
    loop {
        let at = i;
        let value = if chars.get(i) == Some(&'"') {
            let (text, j) = quoted(chars, i)?;
            i = j;
            text
        } else {
            let mut j = i;
            while j < chars.len() && !is_stop(chars[j]) && chars[j] != '|' {
                j += 1;
            }
            let text: String = chars[i..j].iter().collect();
            i = j;
            text
        };
        if value.trim().is_empty() {
            return Err(QueryError::new(
                at,
                "missing value after `:` (e.g. stage:growth)",
            ));
        }
        values.push(value.trim().to_string());
        if chars.get(i) == Some(&'|') {
            i += 1;
        } else {
            break;
        }
    }
    if chars.get(i).is_some_and(|c| !is_stop(*c)) {
        return Err(QueryError::new(i, "put a space after a filter value"));
    }
    Ok((values, i))
}

struct Parser<'t> {
    tokens: &'t [Token],
    pos: usize,
    end: usize,
    /// Nesting levels open at this point (parentheses, NOT, -).
    depth: usize,
}

impl Parser<'_> {
    /// Enters one nesting level at `at`, refusing past [`MAX_QUERY_DEPTH`].
    fn descend(&mut self, at: usize) -> Result<(), QueryError> {
        self.depth += 1;
        if self.depth > MAX_QUERY_DEPTH {
            return Err(QueryError::new(
                at,
                format!(
                    "the query nests too deeply: at most {MAX_QUERY_DEPTH} levels of parentheses and NOT"
                ),
            ));
        }
        Ok(())
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn here(&self) -> usize {
        self.peek().map_or(self.end, |t| t.at)
    }

    fn or(&mut self) -> Result<Node, QueryError> {
        let mut parts = vec![self.and()?];
        while let Some(Token { kind: Tok::Or, at }) = self.peek().cloned() {
            self.pos += 1;
            if !self.starts_operand() {
                return Err(QueryError::new(at, "OR needs a term on both sides"));
            }
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::Or(parts)
        })
    }

    fn starts_operand(&self) -> bool {
        matches!(
            self.peek().map(|t| &t.kind),
            Some(Tok::Open | Tok::Not | Tok::Minus | Tok::Leaf(_))
        )
    }

    fn and(&mut self) -> Result<Node, QueryError> {
        if let Some(Token {
            kind: Tok::And | Tok::Or,
            at,
        }) = self.peek()
        {
            return Err(QueryError::new(*at, "AND and OR need a term on both sides"));
        }
        let mut parts = vec![self.unary()?];
        loop {
            match self.peek().cloned() {
                Some(Token { kind: Tok::And, at }) => {
                    self.pos += 1;
                    if !self.starts_operand() {
                        return Err(QueryError::new(at, "AND needs a term on both sides"));
                    }
                    parts.push(self.unary()?);
                }
                Some(Token {
                    kind: Tok::Open | Tok::Not | Tok::Minus | Tok::Leaf(_),
                    ..
                }) => parts.push(self.unary()?),
                _ => break,
            }
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::And(parts)
        })
    }

    fn unary(&mut self) -> Result<Node, QueryError> {
        match self.peek().cloned() {
            Some(Token {
                kind: kind @ (Tok::Not | Tok::Minus),
                at,
            }) => {
                self.pos += 1;
                if !self.starts_operand() {
                    let what = if kind == Tok::Not { "NOT" } else { "-" };
                    return Err(QueryError::new(at, format!("{what} needs a term after it")));
                }
                self.descend(at)?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(Node::Not(Box::new(inner)))
            }
            _ => self.primary(),
        }
    }

    fn primary(&mut self) -> Result<Node, QueryError> {
        let Some(tok) = self.peek().cloned() else {
            return Err(QueryError::new(
                self.end,
                "the query ends too early: a term is missing",
            ));
        };
        self.pos += 1;
        match tok.kind {
            Tok::Leaf(node) => Ok(node),
            Tok::Open => {
                if matches!(self.peek().map(|t| &t.kind), Some(Tok::Close)) {
                    return Err(QueryError::new(tok.at, "empty parentheses"));
                }
                if self.peek().is_none() {
                    return Err(QueryError::new(tok.at, "unclosed parenthesis: add a `)`"));
                }
                self.descend(tok.at)?;
                let inner = self.or()?;
                self.depth -= 1;
                match self.peek() {
                    Some(Token {
                        kind: Tok::Close, ..
                    }) => {
                        self.pos += 1;
                        Ok(inner)
                    }
                    _ => Err(QueryError::new(tok.at, "unclosed parenthesis: add a `)`")),
                }
            }
            Tok::Close => Err(QueryError::new(tok.at, "unexpected `)`: no `(` opens it")),
            Tok::And | Tok::Or => Err(QueryError::new(
                tok.at,
                "AND and OR need a term on both sides",
            )),
            Tok::Not | Tok::Minus => Err(QueryError::new(self.here(), "a term is missing")),
        }
    }
}

impl Node {
    /// Visits this node and every node below it.
    pub fn walk<'n>(&'n self, f: &mut impl FnMut(&'n Node)) {
        f(self);
        match self {
            Node::And(c) | Node::Or(c) => c.iter().for_each(|n| n.walk(f)),
            Node::Not(n) => n.walk(f),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
