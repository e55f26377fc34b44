//! Community evolution across consecutive time windows (after Greene, Doyle & Cunningham 2010):
//! the communities of each window are matched to those of the previous one when their Jaccard
//! overlap reaches a threshold, and each transition is labelled. A community with no match in
//! the previous window is born; one with no match in the next dies; one matched by several in the
//! next splits; several matching one merge; a one-to-one match is a continuation, or growth /
//! contraction when its size changes by more than `change` (a share). Each community carries a
//! dynamic id: a match inherits its predecessor's (in a merge, the largest predecessor's; in a
//! split, the largest successor keeps it), others get new ids. Greene et al. also let a community
//! skip windows; here matching is between consecutive windows only.

use rustc_hash::{FxHashMap, FxHashSet};
use std::hash::Hash;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Birth,
    Death,
    Continuation,
    Growth,
    Contraction,
    Merge,
    Split,
}

/// One event between window `window − 1` and `window` (a birth in window 0 included).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Event {
    pub window: usize,
    pub kind: EventKind,
    /// Communities of the previous window (indices into its list).
    pub from: Vec<usize>,
    /// Communities of this window.
    pub to: Vec<usize>,
    /// Dynamic ids involved (of `to` for births, continuations and merges; of `from` otherwise
    /// as well).
    pub dynamic: Vec<usize>,
}

/// Events and the dynamic id of every community of every window.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Evolution {
    pub events: Vec<Event>,
    pub dynamic_ids: Vec<Vec<usize>>,
}

fn jaccard<T: Hash + Eq>(a: &FxHashSet<T>, b: &FxHashSet<T>) -> f64 {
    let shared = a.iter().filter(|x| b.contains(*x)).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// Tracks `windows` (each a list of communities, each a list of member ids).
pub fn track<T: Hash + Eq + Clone>(
    windows: &[Vec<Vec<T>>],
    threshold: f64,
    change: f64,
) -> Evolution {
    let sets: Vec<Vec<FxHashSet<T>>> = windows
        .iter()
        .map(|w| w.iter().map(|c| c.iter().cloned().collect()).collect())
        .collect();
    let mut events = Vec::new();
    let mut dynamic_ids: Vec<Vec<usize>> = Vec::with_capacity(windows.len());
    let mut next_id = 0usize;
    for (t, now) in sets.iter().enumerate() {
        if t == 0 {
            let ids: Vec<usize> = (0..now.len()).collect();
            next_id = now.len();
            for (j, &id) in ids.iter().enumerate() {
                events.push(Event {
                    window: 0,
                    kind: EventKind::Birth,
                    from: vec![],
                    to: vec![j],
                    dynamic: vec![id],
                });
            }
            dynamic_ids.push(ids);
            continue;
        }
        let before = &sets[t - 1];
        // Matches above the threshold, found through shared members.
        let mut owner: FxHashMap<&T, Vec<usize>> = FxHashMap::default();
        for (i, c) in before.iter().enumerate() {
            for x in c {
                owner.entry(x).or_default().push(i);
            }
        }
        let mut succ: Vec<Vec<usize>> = vec![Vec::new(); before.len()];
        let mut pred: Vec<Vec<usize>> = vec![Vec::new(); now.len()];
        for (j, c) in now.iter().enumerate() {
            let mut candidates: Vec<usize> = c
                .iter()
                .filter_map(|x| owner.get(x))
                .flatten()
                .copied()
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            for i in candidates {
                if jaccard(&before[i], c) >= threshold {
                    succ[i].push(j);
                    pred[j].push(i);
                }
            }
        }
        let prev_ids = &dynamic_ids[t - 1];
        let mut ids = vec![usize::MAX; now.len()];
        // Splits first: the largest successor keeps the id.
        for (i, s) in succ.iter().enumerate() {
            if s.is_empty() {
                events.push(Event {
                    window: t,
                    kind: EventKind::Death,
                    from: vec![i],
                    to: vec![],
                    dynamic: vec![prev_ids[i]],
                });
            } else if s.len() >= 2 {
                let keeper = *s
                    .iter()
                    .max_by_key(|&&j| (now[j].len(), std::cmp::Reverse(j)))
                    .unwrap_or(&s[0]);
                if pred[keeper].len() == 1 {
                    ids[keeper] = prev_ids[i];
                }
                events.push(Event {
                    window: t,
                    kind: EventKind::Split,
                    from: vec![i],
                    to: s.clone(),
                    dynamic: vec![prev_ids[i]],
                });
            }
        }
        for (j, p) in pred.iter().enumerate() {
            match p.len() {
                0 => {
                    ids[j] = next_id;
                    next_id += 1;
                    events.push(Event {
                        window: t,
                        kind: EventKind::Birth,
                        from: vec![],
                        to: vec![j],
                        dynamic: vec![ids[j]],
                    });
                }
                1 => {
                    let i = p[0];
                    if succ[i].len() == 1 {
                        ids[j] = prev_ids[i];
                        let (a, b) = (before[i].len() as f64, now[j].len() as f64);
                        let kind = if b > a * (1.0 + change) {
                            EventKind::Growth
                        } else if b < a * (1.0 - change) {
                            EventKind::Contraction
                        } else {
                            EventKind::Continuation
                        };
                        events.push(Event {
                            window: t,
                            kind,
                            from: vec![i],
                            to: vec![j],
                            dynamic: vec![ids[j]],
                        });
                    } else if ids[j] == usize::MAX {
                        ids[j] = next_id; // a split-off part
                        next_id += 1;
                    }
                }
                _ => {
                    let largest = *p
                        .iter()
                        .max_by_key(|&&i| (before[i].len(), std::cmp::Reverse(i)))
                        .unwrap_or(&p[0]);
                    ids[j] = prev_ids[largest];
                    events.push(Event {
                        window: t,
                        kind: EventKind::Merge,
                        from: p.clone(),
                        to: vec![j],
                        dynamic: p.iter().map(|&i| prev_ids[i]).collect(),
                    });
                }
            }
        }
        for id in ids.iter_mut().filter(|id| **id == usize::MAX) {
            *id = next_id;
            next_id += 1;
        }
        dynamic_ids.push(ids);
    }
    Evolution {
        events,
        dynamic_ids,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(a: u32, b: u32) -> Vec<u32> {
        (a..b).collect()
    }

    #[test]
    fn planted_birth_death_merge_split() {
        // Window 0: A = 0..10, B = 10..20, C = 20..30, D = 30..40.
        // Window 1: A continues, B and C merge, D splits in two, E = 50..60 is born.
        // Window 2: A dies, B∪C continues, the two halves of D continue.
        let windows = vec![
            vec![range(0, 10), range(10, 20), range(20, 30), range(30, 40)],
            vec![
                range(0, 10),
                range(10, 30),
                range(30, 35),
                range(35, 40),
                range(50, 60),
            ],
            vec![range(10, 30), range(30, 35), range(35, 40), range(50, 60)],
        ];
        let e = track(&windows, 0.3, 0.1);
        let kinds: Vec<(usize, EventKind)> = e
            .events
            .iter()
            .filter(|e| e.window > 0)
            .map(|e| (e.window, e.kind))
            .collect();
        assert_eq!(
            kinds
                .iter()
                .filter(|k| k.0 == 1)
                .map(|k| k.1)
                .collect::<Vec<_>>(),
            vec![
                EventKind::Split,
                EventKind::Continuation,
                EventKind::Merge,
                EventKind::Birth
            ]
        );
        assert_eq!(
            kinds
                .iter()
                .filter(|k| k.0 == 2)
                .map(|k| k.1)
                .collect::<Vec<_>>(),
            vec![
                EventKind::Death,
                EventKind::Continuation,
                EventKind::Continuation,
                EventKind::Continuation,
                EventKind::Continuation
            ]
        );
        let merge = e
            .events
            .iter()
            .find(|e| e.kind == EventKind::Merge)
            .expect("merge");
        assert_eq!(
            (merge.from.clone(), merge.to.clone()),
            (vec![1, 2], vec![1])
        );
        let split = e
            .events
            .iter()
            .find(|e| e.kind == EventKind::Split)
            .expect("split");
        assert_eq!(
            (split.from.clone(), split.to.clone()),
            (vec![3], vec![2, 3])
        );
        // Dynamic ids: A keeps 0; the merge takes B's id (1, the first of equal sizes); one half
        // of D keeps 3, the other is new; E is new.
        assert_eq!(e.dynamic_ids[1][0], 0);
        assert_eq!(e.dynamic_ids[1][1], 1);
        assert!(e.dynamic_ids[1][2] == 3 || e.dynamic_ids[1][3] == 3);
        assert_eq!(e.dynamic_ids[2][0], 1);
    }

    #[test]
    fn growth_and_contraction() {
        let windows = vec![
            vec![range(0, 10), range(20, 40)],
            vec![range(0, 14), range(20, 32)],
        ];
        let e = track(&windows, 0.3, 0.2);
        let kinds: Vec<EventKind> = e
            .events
            .iter()
            .filter(|e| e.window == 1)
            .map(|e| e.kind)
            .collect();
        assert_eq!(kinds, vec![EventKind::Growth, EventKind::Contraction]);
    }
}
