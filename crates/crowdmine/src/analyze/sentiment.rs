//! Sentiment: scoring the posts, the mean compound over time and per target (opinion).

use super::{group, local_label, plot_error, Context};
use crate::report::plot::{self, Series};
use crate::report::{Block, Section, Table};
use crate::StoreError;
use crowdmine_text::vader::SCORER;

/// Mean compound per day (UTC), one line per series.
fn compound_plot(series: &[Series], caption: &str) -> Result<Block, StoreError> {
    let svg = plot::time_lines(
        series,
        &|x| local_label(x as i64, false),
        "day (UTC)",
        "mean compound",
    )
    .map_err(plot_error)?;
    Ok(Block::Plot {
        svg,
        caption: caption.into(),
    })
}

pub(super) fn score(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
    crate::sentiment::score_posts(ctx.corpus, false, &mut |_, _| {})?;
    ctx.sentiment = ctx
        .corpus
        .sentiment_by_author(SCORER, false)?
        .into_iter()
        .collect();
    Ok(None)
}

pub(super) fn sentiment(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
    let days = ctx
        .corpus
        .sentiment_groups(crowdmine_store::SentimentBy::Day, SCORER, false)?;
    let overall = ctx
        .corpus
        .sentiment_groups(crowdmine_store::SentimentBy::All, SCORER, false)?;
    let mut t = Table::new(
        "sentiment_by_day",
        "Sentiment per day (UTC)",
        &[
            "day",
            "posts",
            "mean compound",
            "positive",
            "neutral",
            "negative",
            "net",
        ],
    );
    let mut mean = Series {
        name: "mean compound".into(),
        points: Vec::new(),
    };
    for g in &days {
        t.rows.push(vec![
            g.key.clone().into(),
            g.posts.into(),
            g.mean_compound.into(),
            g.positive.into(),
            g.neutral.into(),
            g.negative.into(),
            g.net.into(),
        ]);
        if let Some(day) = crowdmine_model::time::parse_rfc3339(&g.key) {
            mean.points.push((day as f64, g.mean_compound));
        }
    }
    let mut blocks = Vec::new();
    if let Some(o) = overall.first() {
        blocks.push(Block::Facts(vec![
            ("posts scored".into(), group(o.posts)),
            ("mean compound".into(), format!("{:.4}", o.mean_compound)),
            (
                "positive / neutral / negative".into(),
                format!(
                    "{:.1} % / {:.1} % / {:.1} %",
                    100.0 * o.positive,
                    100.0 * o.neutral,
                    100.0 * o.negative
                ),
            ),
        ]));
    }
    if mean.points.len() > 1 {
        blocks.push(compound_plot(
            &[mean],
            "Mean VADER compound of the day's scored posts.",
        )?);
    }
    blocks.push(Block::Table(t));
    Ok(Some(Section {
        id: "sentiment".into(),
        title: "Sentiment".into(),
        method: format!(
            "VADER ({SCORER}, Hutto & Gilbert 2014) on the text of each English (or untagged) \
             original, reply and quote of the corpus; reposts left out; positive ≥ 0.05 > neutral > −0.05 ≥ \
             negative compound."
        ),
        blocks,
    }))
}

pub(super) fn opinion(ctx: &mut Context) -> Result<Option<Section>, StoreError> {
    let Some(matcher) = &ctx.opts.targets else {
        return Ok(None);
    };
    let settings = crowdmine_text::opinion::Settings {
        seed: ctx.opts.seed,
        ..Default::default()
    };
    let r = crate::opinion::opinion(
        ctx.corpus,
        matcher,
        &crate::opinion::OpinionBy::All,
        false,
        settings,
    )?;
    let mut t = Table::new(
        "opinion",
        "Targets",
        &[
            "target",
            "posts",
            "share of voice",
            "mean compound",
            "95 % CI low",
            "95 % CI high",
            "net",
        ],
    );
    for (name, s) in r.targets.iter().zip(&r.overall) {
        t.rows.push(vec![
            name.clone().into(),
            s.posts.into(),
            s.share_of_voice.into(),
            s.mean_compound.into(),
            s.ci_low.into(),
            s.ci_high.into(),
            s.net.into(),
        ]);
    }
    // The same per day (UTC), as a table and a plot of each target's mean compound.
    let daily = crate::opinion::opinion(
        ctx.corpus,
        matcher,
        &crate::opinion::OpinionBy::Day,
        false,
        settings,
    )?;
    let mut by_day = Table::new(
        "opinion_by_day",
        "Targets per day (UTC)",
        &["day", "target", "posts", "mean compound", "net"],
    );
    let mut series: Vec<Series> = daily
        .targets
        .iter()
        .map(|name| Series {
            name: name.clone(),
            points: Vec::new(),
        })
        .collect();
    for (day, stances) in &daily.groups {
        let x = crowdmine_model::time::parse_rfc3339(day);
        for ((name, s), line) in daily.targets.iter().zip(stances).zip(series.iter_mut()) {
            by_day.rows.push(vec![
                day.clone().into(),
                name.clone().into(),
                s.posts.into(),
                s.mean_compound.into(),
                s.net.into(),
            ]);
            if let (Some(x), Some(m)) = (x, s.mean_compound) {
                line.points.push((x as f64, m));
            }
        }
    }
    let mut blocks = vec![Block::Table(t)];
    if series.iter().any(|s| s.points.len() > 1) {
        blocks.push(compound_plot(
            &series,
            "Mean VADER compound of the posts naming each target, per day.",
        )?);
    }
    blocks.push(Block::Table(by_day));
    Ok(Some(Section {
        id: "opinion".into(),
        title: "Opinion on targets".into(),
        method: format!(
            "Posts naming each target (keywords, hashtags, handles of the targets file); mean \
             VADER compound with a 95 % percentile bootstrap interval (1,000 resamples, seed \
             {}); net = share positive − share negative.",
            ctx.opts.seed
        ),
        blocks,
    }))
}
