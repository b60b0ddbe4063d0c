//! Users become coders.

use std::collections::{HashMap, HashSet};

use crate::exchange::ids::{coder_name, unique};
use crate::refi::{Guid, QdaProject};

use super::FALLBACK_CODER;

/// The coder of each user of the project, and the coder of what names no user.
pub(super) struct Coders {
    /// The coder of each user GUID.
    by_user: HashMap<Guid, String>,
    /// The project's creating user's coder, or [`FALLBACK_CODER`].
    pub(super) default: String,
}

impl Coders {
    /// One coder per user, named after the user and unique.
    pub(super) fn of_users(p: &QdaProject) -> Self {
        let mut used = HashSet::new();
        let mut by_user: HashMap<Guid, String> = HashMap::new();
        for u in &p.users {
            let base = coder_name(&u.name).unwrap_or_else(|| "user".to_string());
            by_user.insert(u.guid.clone(), unique(&base, &mut used));
        }
        let default = p
            .creating_user
            .as_ref()
            .and_then(|g| by_user.get(g).cloned())
            .unwrap_or_else(|| FALLBACK_CODER.to_string());
        Coders { by_user, default }
    }

    /// The coder of `user`, or the default coder when it names none or an unknown one.
    pub(super) fn of(&self, user: Option<&Guid>) -> String {
        user.and_then(|g| self.by_user.get(g).cloned())
            .unwrap_or_else(|| self.default.clone())
    }

    /// Every coder made from a user.
    pub(super) fn all(&self) -> impl Iterator<Item = &String> {
        self.by_user.values()
    }
}
