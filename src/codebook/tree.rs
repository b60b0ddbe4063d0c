//! The code tree: the indexes built from the codes' parents and positions, and the walks
//! over them (children, descendants, ancestors, depth, tree order).

use super::{Code, Codebook};

impl Codebook {
    /// Rebuilds the indexes (ids, children in sibling order, roots, aliases, claims,
    /// depths) after the codes or their bookkeeping changed.
    pub(crate) fn reindex(&mut self) {
        self.by_id.clear();
        self.children.clear();
        self.root_list.clear();
        self.alias_of.clear();
        self.claim_of.clear();
        for (i, c) in self.codes.iter().enumerate() {
            self.by_id.entry(c.id.clone()).or_insert(i);
            if let Some(p) = &c.parent {
                self.children.entry(p.clone()).or_default().push(i);
            }
        }
        let position = |i: &usize| self.meta.get(&self.codes[*i].id).map_or(0, |m| m.position);
        let mut children = std::mem::take(&mut self.children);
        for list in children.values_mut() {
            list.sort_by_key(|i| (position(i), *i));
        }
        let mut roots: Vec<usize> = (0..self.codes.len())
            .filter(|i| self.codes[*i].parent.is_none())
            .collect();
        roots.sort_by_key(|i| (position(i), *i));
        self.children = children;
        self.root_list = roots;
        for (id, m) in &self.meta {
            for old in &m.aliases {
                self.alias_of.insert(old.clone(), id.clone());
            }
            for coding in &m.claims {
                self.claim_of.insert(coding.clone(), id.clone());
            }
        }
        self.depths = self.compute_depths();
    }

    /// The index of a code's parent, if the parent exists.
    fn parent_index(&self, i: usize) -> Option<usize> {
        let parent = self.codes.get(i)?.parent.as_deref()?;
        self.by_id.get(parent).copied()
    }

    /// Depth of every code in one pass (each code is walked once): the length of its
    /// chain of parents, which stops at a missing parent or where a cycle comes back, as
    /// [`Codebook::path_of`] does.
    fn compute_depths(&self) -> Vec<usize> {
        const UNKNOWN: usize = usize::MAX;
        let n = self.codes.len();
        let mut depths = vec![UNKNOWN; n];
        let mut on_walk = vec![false; n];
        let mut walk: Vec<usize> = Vec::new();
        for start in 0..n {
            if depths[start] != UNKNOWN || self.by_id.get(&self.codes[start].id) != Some(&start) {
                continue;
            }
            walk.clear();
            let mut cur = Some(start);
            // Climb until a known code, a top (no parent) or a code already on this walk.
            let mut base = None;
            while let Some(i) = cur {
                if depths[i] != UNKNOWN {
                    base = Some(depths[i]);
                    break;
                }
                if on_walk[i] {
                    // A cycle: its members' chains are the cycle itself.
                    let from = walk.iter().position(|&w| w == i).unwrap_or(0);
                    let len = walk.len() - from;
                    for &member in &walk[from..] {
                        depths[member] = len - 1;
                    }
                    walk.truncate(from);
                    base = Some(len - 1);
                    break;
                }
                on_walk[i] = true;
                walk.push(i);
                cur = self.parent_index(i);
            }
            let mut depth = base;
            for &i in walk.iter().rev() {
                let d = depth.map_or(0, |d| d + 1);
                depths[i] = d;
                depth = Some(d);
            }
            for &i in &walk {
                on_walk[i] = false;
            }
        }
        // Codes whose id repeats an earlier one take the depth of the first.
        for i in 0..n {
            if depths[i] == UNKNOWN {
                depths[i] = self
                    .by_id
                    .get(&self.codes[i].id)
                    .and_then(|&first| depths.get(first).copied())
                    .unwrap_or(0);
            }
        }
        depths
    }

    /// The code with this id.
    pub fn get(&self, id: &str) -> Option<&Code> {
        self.by_id.get(id).map(|i| &self.codes[*i])
    }

    /// Whether the codebook has this id.
    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// Top-level codes (groups), in order.
    pub fn roots(&self) -> impl Iterator<Item = &Code> {
        self.root_list.iter().map(|i| &self.codes[*i])
    }

    /// Direct children of a code, in order.
    pub fn children(&self, id: &str) -> impl Iterator<Item = &Code> {
        self.children
            .get(id)
            .into_iter()
            .flatten()
            .map(|i| &self.codes[*i])
    }

    /// The code and all its descendants' ids.
    pub fn descendants_and_self<'a>(&'a self, id: &'a str) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![id];
        while let Some(cur) = stack.pop() {
            if !seen.insert(cur) {
                continue;
            }
            out.push(cur);
            for child in self.children(cur) {
                stack.push(child.id.as_str());
            }
        }
        out
    }

    /// Ancestors of a code, from the root down to the code itself.
    pub fn path_of(&self, id: &str) -> Vec<&Code> {
        let mut chain = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut cur = self.by_id.get(id).copied();
        while let Some(i) = cur {
            if !seen.insert(i) {
                break;
            }
            chain.push(&self.codes[i]);
            cur = self.parent_index(i);
        }
        chain.reverse();
        chain
    }

    /// The top-level group a code belongs to.
    pub fn group_of(&self, id: &str) -> Option<&Code> {
        self.path_of(id).into_iter().next()
    }

    /// Depth of a code in the tree (0 for a group, and for an unknown id).
    pub fn depth(&self, id: &str) -> usize {
        self.by_id
            .get(id)
            .and_then(|&i| self.depths.get(i).copied())
            .unwrap_or(0)
    }

    /// Codes in depth-first tree order (how the TUI and exports list them).
    pub fn tree_order(&self) -> Vec<&Code> {
        let mut out = Vec::with_capacity(self.codes.len());
        let mut seen = std::collections::HashSet::new();
        // An explicit stack: a deep hierarchy must not exhaust the call stack.
        let mut stack: Vec<&Code> = Vec::new();
        for root in self.roots() {
            stack.push(root);
            while let Some(code) = stack.pop() {
                if !seen.insert(code.id.as_str()) {
                    continue;
                }
                out.push(code);
                let children: Vec<&Code> = self.children(&code.id).collect();
                stack.extend(children.into_iter().rev());
            }
        }
        // Codes unreachable from a root (broken parents, cycles) come last, so nothing is
        // ever dropped on save.
        for code in &self.codes {
            if !seen.contains(code.id.as_str()) {
                out.push(code);
            }
        }
        out
    }

    /// The groups whose children are mutually exclusive (such as the stages).
    pub fn exclusive_groups(&self) -> impl Iterator<Item = &Code> {
        self.codes.iter().filter(|c| c.exclusive)
    }

    /// The stage group: the exclusive group with id `stage`, or the first exclusive group.
    pub fn stage_group(&self) -> Option<&Code> {
        self.get("stage")
            .filter(|c| c.exclusive)
            .or_else(|| self.exclusive_groups().next())
    }
}
