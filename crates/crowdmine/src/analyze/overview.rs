//! The overview, volume over time and top lists: what the corpus holds, before any network.

use super::{local_label, plot_error, stats, Context};
use crate::report::plot::{self, Series};
use crate::report::{Block, Section, Table, Value};
use crate::StoreError;

pub(super) fn overview(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
    let s = stats(ctx)?.clone();
    let ledger = ctx.ingest.files.iter().fold([0u64; 4], |mut a, f| {
        a[0] += f.ledger.accepted;
        a[1] += f.ledger.duplicate;
        a[2] += f.ledger.skipped;
        a[3] += f.ledger.rejected;
        a
    });
    let mut counts = Table::new("overview", "The corpus", &["measure", "value"]);
    let rows: [(&str, Value); 12] = [
        ("posts in all", s.posts.into()),
        ("collected posts", s.collected.into()),
        ("referenced only", s.referenced.into()),
        ("accounts", s.accounts.into()),
        ("interactions", s.interactions.into()),
        ("follow ties", s.ties.into()),
        (
            "first collected post (UTC)",
            s.first_post.clone().unwrap_or_default().into(),
        ),
        (
            "last collected post (UTC)",
            s.last_post.clone().unwrap_or_default().into(),
        ),
        ("records accepted", ledger[0].into()),
        ("records duplicate", ledger[1].into()),
        ("records skipped", ledger[2].into()),
        ("records rejected", ledger[3].into()),
    ];
    for (k, v) in rows {
        counts.rows.push(vec![k.into(), v]);
    }
    let mut kinds = Table::new(
        "posts_by_kind",
        "Posts by platform and kind",
        &["platform", "kind", "collected", "referenced"],
    );
    for k in &s.by_kind {
        kinds.rows.push(vec![
            k.platform.clone().into(),
            k.kind.clone().into(),
            k.collected.into(),
            k.referenced.into(),
        ]);
    }
    let mut files = Table::new(
        "ingest_ledger",
        "Ingest ledger per input file",
        &[
            "file",
            "format",
            "status",
            "accepted",
            "duplicate",
            "skipped",
            "rejected",
        ],
    );
    for f in &ctx.ingest.files {
        let name = f.path.file_name().map_or_else(
            || f.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        files.rows.push(vec![
            name.into(),
            f.format.clone().unwrap_or_default().into(),
            f.status.clone().into(),
            f.ledger.accepted.into(),
            f.ledger.duplicate.into(),
            f.ledger.skipped.into(),
            f.ledger.rejected.into(),
        ]);
    }
    let mut langs = Table::new("languages", "Languages of posts", &["language", "posts"]);
    for t in &s.languages {
        langs.rows.push(vec![t.name.clone().into(), t.count.into()]);
    }
    Ok(Some(Section {
        id: "overview".into(),
        title: "Overview".into(),
        method: "Counted in the whole corpus after ingest (whatever --since and --until): a post \
                 is collected when it is a primary record of an input file and referenced when \
                 only another record names or embeds it; the ledger counts every input record."
            .into(),
        blocks: vec![
            Block::Table(counts),
            Block::Table(kinds),
            Block::Table(files),
            Block::Table(langs),
        ],
    }))
}

/// Collected posts' times and kinds in the window.
fn post_times(ctx: &Context) -> Result<Vec<(i64, String)>, StoreError> {
    let mut q = "SELECT created_at, kind FROM posts WHERE collected = 1 AND created_at IS NOT NULL"
        .to_string();
    if let Some(s) = ctx.opts.since {
        q += &format!(" AND created_at >= {s}");
    }
    if let Some(u) = ctx.opts.until {
        q += &format!(" AND created_at < {u}");
    }
    let mut out = Vec::new();
    ctx.corpus.sql_each(&q, &mut |_, row| {
        if let (crate::Cell::Int(t), crate::Cell::Text(k)) = (&row[0], &row[1]) {
            out.push((*t, k.clone()));
        }
        Ok(())
    })?;
    Ok(out)
}

pub(super) fn volume(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
    let posts = post_times(ctx)?;
    let off = ctx.opts.utc_offset;
    let (lo, hi) = posts.iter().fold((i64::MAX, i64::MIN), |(a, b), (t, _)| {
        (a.min(*t), b.max(*t))
    });
    // Hourly up to three days, daily beyond (plots of a few hundred points at most).
    let hourly = hi.saturating_sub(lo) <= 3 * 86_400;
    let width = if hourly { 3_600 } else { 86_400 };
    let bucket = |t: i64| (t + off).div_euclid(width) * width;
    let mut counts: std::collections::BTreeMap<i64, [u64; 4]> = Default::default();
    if !posts.is_empty() {
        let (b0, b1) = (bucket(lo), bucket(hi));
        let mut b = b0;
        while b <= b1 {
            counts.insert(b, [0; 4]);
            b += width;
        }
    }
    for (t, kind) in &posts {
        let i = match kind.as_str() {
            "repost" => 1,
            "reply" => 2,
            "quote" => 3,
            _ => 0,
        };
        if let Some(c) = counts.get_mut(&bucket(*t)) {
            c[i] += 1;
        }
    }
    let unit = if hourly { "hour" } else { "day" };
    let mut table = Table::new(
        "volume",
        &format!("Collected posts per {unit} ({})", ctx.opts.zone),
        &[unit, "all", "originals", "reposts", "replies", "quotes"],
    );
    let mut series = vec![
        Series {
            name: "all posts".into(),
            points: Vec::new(),
        },
        Series {
            name: "reposts".into(),
            points: Vec::new(),
        },
        Series {
            name: "replies".into(),
            points: Vec::new(),
        },
    ];
    for (&b, c) in &counts {
        let all: u64 = c.iter().sum();
        table.rows.push(vec![
            local_label(b, hourly).into(),
            all.into(),
            c[0].into(),
            c[1].into(),
            c[2].into(),
            c[3].into(),
        ]);
        series[0].points.push((b as f64, all as f64));
        series[1].points.push((b as f64, c[1] as f64));
        series[2].points.push((b as f64, c[2] as f64));
    }
    let svg = plot::time_lines(
        &series,
        &|x| local_label(x as i64, hourly),
        &format!("{unit} ({})", ctx.opts.zone),
        &format!("collected posts per {unit}"),
    )
    .map_err(plot_error)?;
    Ok(Some(Section {
        id: "volume".into(),
        title: "Volume over time".into(),
        method: format!(
            "Collected posts counted per {unit} of their creation time in {} (hours up to a \
             three-day span, days beyond), by kind.",
            ctx.opts.zone
        ),
        blocks: vec![
            Block::Plot {
                svg,
                caption: format!("Collected posts per {unit}: all, reposts and replies."),
            },
            Block::Table(table),
        ],
    }))
}

pub(super) fn top_lists(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
    let s = stats(ctx)?;
    let list = |name: &str, caption: &str, what: &str, items: &[crate::TopItem]| {
        let mut t = Table::new(name, caption, &[what, "count"]);
        for i in items {
            t.rows.push(vec![i.name.clone().into(), i.count.into()]);
        }
        Block::Table(t)
    };
    Ok(Some(Section {
        id: "top".into(),
        title: "Top hashtags, domains and accounts".into(),
        method: "The 20 most frequent hashtags and link domains of all posts of the corpus (the \
                 platforms' own links left out), the accounts with most collected posts, and those \
                 whose posts were reposted most often."
            .into(),
        blocks: vec![
            list("top_hashtags", "Hashtags", "hashtag", &s.top_hashtags),
            list("top_domains", "Link domains", "domain", &s.top_domains),
            list(
                "top_accounts_posts",
                "Accounts by posts",
                "account",
                &s.top_accounts_by_posts,
            ),
            list(
                "top_accounts_reposted",
                "Accounts by reposts received",
                "account",
                &s.top_accounts_by_reposts_received,
            ),
        ],
    }))
}
