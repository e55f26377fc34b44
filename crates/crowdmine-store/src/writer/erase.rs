//! Erasure: posts, accounts and ties named by compliance results or delete events are removed
//! with everything derived from them — raw JSON, entities, interactions, edit-history ids, likes
//! of a removed post, and for an account its posts, ties and attributes — and remembered, so a
//! later ingest of the same objects does not bring them back. The ledger counts what went.
//!
//! Finding what derives from an object needs indexes that ingest does not (posts by author,
//! interactions by account, …); they are created the first time a corpus erases something, and
//! kept.

use super::{slot, AccountSlot, PostSlot, Writer};
use crate::ids::IdKey;
use crate::Result;
use crowdmine_model::{ObjectKind, Platform};

impl Writer<'_> {
    /// Removes what a deletion names (nothing when the corpus does not hold it) and remembers it.
    pub(crate) fn erase(
        &mut self,
        platform: Platform,
        object: ObjectKind,
        native_id: &str,
    ) -> Result<()> {
        self.flush()?;
        self.erase_indexes()?;
        let key = IdKey::of(native_id);
        self.deleted.insert((platform, object, key.clone()));
        match object {
            ObjectKind::Post => {
                // Likes of the post go with it, held or not.
                self.erase_likes(native_id)?;
                if let Some(id) = self.post_ids.get(&(platform, key)).copied() {
                    self.erase_post(platform, id)?;
                }
            }
            ObjectKind::Account => {
                if let Some(id) = self.account_ids.get(&(platform, key)).copied() {
                    self.erase_account(platform, id)?;
                }
            }
            ObjectKind::Tie => {
                let n = self
                    .conn
                    .prepare_cached("DELETE FROM ties WHERE native_id = ?1")?
                    .execute([native_id])?;
                self.ledger.removed_ties += n as u64;
            }
        }
        Ok(())
    }

    fn erase_indexes(&mut self) -> Result<()> {
        if !self.erase_ready {
            self.conn.execute_batch(
                "CREATE INDEX IF NOT EXISTS posts_author ON posts (author);
                 CREATE INDEX IF NOT EXISTS interactions_src ON interactions (src);
                 CREATE INDEX IF NOT EXISTS interactions_dst ON interactions (dst);
                 CREATE INDEX IF NOT EXISTS post_versions_post ON post_versions (post);
                 CREATE INDEX IF NOT EXISTS ties_dst ON ties (dst);
                 CREATE INDEX IF NOT EXISTS ties_subject ON ties (subject) WHERE subject <> '';",
            )?;
            self.erase_ready = true;
        }
        Ok(())
    }

    fn erase_likes(&mut self, post: &str) -> Result<()> {
        let n = self
            .conn
            .prepare_cached(
                "DELETE FROM ties WHERE subject = ?1 AND subject <> '' AND kind = 'like'",
            )?
            .execute([post])?;
        self.ledger.removed_ties += n as u64;
        Ok(())
    }

    fn erase_post(&mut self, platform: Platform, id: u32) -> Result<()> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT native_id FROM posts WHERE id = ?1 UNION SELECT native_id FROM post_versions WHERE post = ?1",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for n in &ids {
            let key = IdKey::of(n);
            self.post_ids.remove(&(platform, key.clone()));
            // Every id of the post is remembered as deleted, across restarts too.
            if self.deleted.insert((platform, ObjectKind::Post, key)) {
                self.conn
                    .prepare_cached(
                        "INSERT OR IGNORE INTO compliance (platform, object, native_id, action, reason) \
                         VALUES (?1, 'post', ?2, 'delete', 'another id of a deleted post')",
                    )?
                    .execute([platform.as_str(), n.as_str()])?;
            }
            self.erase_likes(n)?;
        }
        for sql in [
            "DELETE FROM posts WHERE id = ?1",
            "DELETE FROM raw_posts WHERE post = ?1",
            "DELETE FROM entities WHERE post = ?1",
            "DELETE FROM interactions WHERE post = ?1",
            "DELETE FROM post_versions WHERE post = ?1",
            "DELETE FROM sentiment WHERE post = ?1",
        ] {
            self.conn.prepare_cached(sql)?.execute([id])?;
        }
        *slot(&mut self.posts, id) = PostSlot::default();
        self.ledger.removed_posts += 1;
        Ok(())
    }

    fn erase_account(&mut self, platform: Platform, id: u32) -> Result<()> {
        let posts: Vec<u32> = self
            .conn
            .prepare_cached("SELECT id FROM posts WHERE author = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for post in posts {
            self.erase_post(platform, post)?;
        }
        let native: Option<String> = self
            .conn
            .prepare_cached("SELECT native_id FROM accounts WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .unwrap_or(None);
        if let Some(n) = native {
            self.account_ids.remove(&(platform, IdKey::of(&n)));
        }
        let old = self.accounts.get(id as usize).copied().unwrap_or_default();
        if old.handle != 0 && self.handles.get(&(platform, old.handle)) == Some(&id) {
            self.handles.remove(&(platform, old.handle));
        }
        let ties = self
            .conn
            .prepare_cached(
                "DELETE FROM ties WHERE (kind IN ('follow', 'like') AND src = ?1) OR dst = ?1",
            )?
            .execute([id])?;
        self.ledger.removed_ties += ties as u64;
        for sql in [
            "DELETE FROM accounts WHERE id = ?1",
            "DELETE FROM raw_accounts WHERE account = ?1",
            "DELETE FROM account_attributes WHERE account = ?1",
            "DELETE FROM interactions WHERE src = ?1 OR dst = ?1",
        ] {
            self.conn.prepare_cached(sql)?.execute([id])?;
        }
        *slot(&mut self.accounts, id) = AccountSlot::default();
        self.ledger.removed_accounts += 1;
        Ok(())
    }
}
