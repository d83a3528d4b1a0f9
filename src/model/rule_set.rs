//! A fixed-size set of rule positions, so a decision records what fired without allocating.

/// Most rules (triage rules, tips, safety-net lines) a knowledge base may hold, so that the
/// engine can record which fired in fixed-size bit sets without allocating.
pub const MAX_RULES: usize = 256;

/// Positions below [`MAX_RULES`]; `insert` panics on a larger one (the knowledge base never holds
/// more rules than that, checked at load).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuleSet([u64; MAX_RULES / 64]);

impl RuleSet {
    /// Adds position `i`; panics when `i` is not below [`MAX_RULES`].
    pub fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    /// Whether position `i` is in the set.
    pub fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    /// Whether no position is in the set.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    /// Members in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (0..MAX_RULES).filter(|&i| self.contains(i))
    }
}
