//! The `crowdmine` command: a thin shell over the crowdmine library.

mod analyze_cmd;
mod classify_cmd;
mod communities_cmd;
mod graph_cmd;
mod lang_cmd;
mod lines;
mod models_cmd;
mod opinion_cmd;
mod powerlaw_cmd;
mod progress;
mod render;
mod score_rows;
mod sentiment_cmd;
mod signed_cmd;
mod synth_cmd;
mod tokens_cmd;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use crowdmine::attributes::{import_attributes, AttributeKind, AttributeOptions};
use crowdmine::ingest::{ingest, IngestOptions};
use crowdmine::model::Platform;
use crowdmine::{Corpus, ExportFormat, ExportKind, Format, Mapping, Relation};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

// Ingest allocates many small JSON values across threads; mimalloc handles that far better.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "crowdmine",
    version,
    about = "Social media mining: ingest platform exports into a corpus, then measure and mine it",
    long_about = "Social media mining: ingest platform exports into a corpus, then measure and mine it.\n\n\
        A corpus is one SQLite file (crowdmine.db in the working directory unless --db is given).\n\
        Typical first steps:\n\
        \n  crowdmine ingest tweets.jsonl more/*.jsonl.zst\
        \n  crowdmine stats\
        \n  crowdmine sql \"SELECT lang, COUNT(*) FROM posts GROUP BY lang\"\
        \n  crowdmine export posts --format csv --out posts.csv\n\n\
        Set RUST_LOG=debug for a detailed log on stderr."
)]
struct Cli {
    /// The corpus file.
    #[arg(
        long,
        global = true,
        default_value = "crowdmine.db",
        env = "CROWDMINE_DB"
    )]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Raw export files to an HTML report, a Gephi file, CSV tables and a manifest, in one go.
    #[command(long_about = "Raw export files to a report, in one go.\n\n\
        Ingests FILES into a corpus (DIR/corpus.db unless --db names one; files already there are \
        skipped), then runs the standard analysis and writes into --out DIR:\n\
        - report.html: one self-contained page (inline SVG plots, no network needed): overview and ingest \
        ledger, volume over time (hourly up to three days, daily beyond, in --tz), top hashtags, domains and \
        accounts, the interaction network (size, components, reciprocity, clustering, assortativity, degree \
        distribution with its power-law fit, random-model comparison), centrality leaders (PageRank, \
        k-core, betweenness on the largest component: exact up to 5,000 nodes, sampled above), communities \
        (Leiden; sizes, top accounts, hashtags, domains, sentiment, and the interactions between them as a \
        heat map), sentiment over time (VADER) and, with --targets, opinion per target. Each section states \
        its method, parameters and seed;\n\
        - graph.gexf: the interaction network's largest component (a k-core of it above 100,000 nodes) with \
        handle, community, PageRank, core number and sentiment per node, for Gephi; nodes.parquet and \
        edges.parquet too when built with the `parquet` feature;\n\
        - tables/*.csv: every table of the report;\n\
        - manifest.json: version, inputs with sizes, xxh3 checksums and ledger counts, every parameter, and \
        the time and peak memory of each stage.\n\n\
        Files that are not posts (follower lists, account lookups) are skipped and listed in the ledger. \
        If an input cannot be read at all (unknown format, unreadable), the report still covers the \
        others and the command exits with status 1.\n\n\
        Examples:\n  crowdmine analyze tweets.jsonl --out report/\n  \
        crowdmine analyze export/*.jsonl.zst --since 2024-03-01 --tz +01:00 --targets parties.toml --out report/")]
    Analyze(Box<analyze_cmd::AnalyzeArgs>),
    /// Generate synthetic data, analyse it and compare what was planted with what was recovered.
    #[command(
        long_about = "Generate synthetic data, analyse it, and compare planted with recovered.\n\n\
        Runs `crowdmine synth` (X v2 pages with planted communities, influencers, sentiment, an event, \
        spam and bots) into DIR/data, then `crowdmine analyze` on them into DIR, and prints how much of \
        the planted truth the analysis recovered: the NMI of the communities, the rank correlation of \
        the communities' sentiment with the planted bias, and the planted influencers among the top \
        accounts by PageRank.\n\nExample:\n  crowdmine demo --out demo/ && open demo/report.html"
    )]
    Demo(analyze_cmd::DemoArgs),
    /// Read platform exports into the corpus (deduplicated, resumable, safe to re-run).
    #[command(long_about = "Read platform exports into the corpus.\n\n\
        Files may be plain, .gz or .zst (recognised by content), JSON lines, one pretty-printed document \
        or a top-level array. The format is recognised per file from its content:\n\
        - x-v2: X/Twitter API v2 pages, stream lines, lookups, twarc2 flattened tweets;\n\
        - x-v1: API v1.1 statuses, search responses, user objects;\n\
        - reddit: API Listings, comment trees, morechildren responses, Pushshift / Arctic Shift dump lines \
        (zstd window up to 2^31);\n\
        - mastodon: statuses, timelines, contexts, search results, accounts (direct messages skipped unless \
        --include-direct);\n\
        - bluesky: Jetstream events (posts, reposts, likes, follows, deletes) and getAuthorFeed / searchPosts \
        responses;\n\
        - .csv/.tsv files: twarc-csv and 4CAT exports are recognised by their columns; any other CSV of posts \
        needs --map; follow edge lists (follower,followed) need --platform.\n\n\
        Follower and following pages (X v1.1/v2) become follow ties with --of ACCOUNT_ID. Compliance results \
        (X tweets_compliance.jsonl / users_compliance.jsonl) and Bluesky delete events remove what they name \
        from the corpus, with its raw JSON and derived rows; the removal is counted in the ledger.\n\n\
        Posts and accounts are deduplicated on (platform, native id); when the same object arrives twice \
        the later edit of a post, then the record with more fields, then the later retrieval, then the later \
        file path (ignoring a .gz/.zst suffix) and line wins. Re-running the same command adds nothing; an \
        interrupted ingest resumes where it stopped.\n\n\
        Malformed records are counted and listed with file and line (see them with \
        `crowdmine sql \"SELECT * FROM rejects\"`); resources that are not posts or accounts (tweet counts, \
        lists, compliance results) are skipped with a reason.\n\n\
        Exit status: 0 on success; 1 when a file could not be read at all (missing, a directory, unknown \
        format); 2 for other errors (e.g. the corpus is in use); 3 with --strict when any record was \
        rejected.")]
    Ingest {
        /// Files to ingest.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Format of the files; `auto` recognises it per file from the content.
        #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
        format: FormatArg,
        /// Fail (exit status 3) when any record is rejected.
        #[arg(long)]
        strict: bool,
        /// Do not keep the raw JSON of posts and accounts (smaller corpus).
        #[arg(long)]
        no_raw: bool,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
        /// Commit after this many records (crash tests use small values).
        #[arg(long, hide = true, default_value_t = IngestOptions::default().commit_every)]
        commit_every: u64,
        /// Platform of CSV rows and follow edges that do not name one.
        #[arg(long, value_enum)]
        platform: Option<PlatformArg>,
        /// Columns of a CSV of posts: `id=COL,author_id=COL,author=COL,time=COL,time_format=%Y-%m-%d %H:%M,text=COL,…`
        /// or a file with one `key=column` per line (keys: id, author_id, author, author_name, time,
        /// time_format, text, title, lang, reply_to, reply_to_author, root, repost_of, repost_of_author,
        /// quote_of, quote_of_author, platform, community, hashtags, mentions, urls, like_count,
        /// repost_count, reply_count, quote_count).
        #[arg(long, value_name = "SPEC|FILE")]
        map: Option<String>,
        /// Keep Mastodon direct messages (skipped by default).
        #[arg(long)]
        include_direct: bool,
        /// The pages are followers or followings of this account (its native id): each account
        /// listed becomes a follow tie.
        #[arg(long, value_name = "ACCOUNT_ID")]
        of: Option<String>,
        /// With --of: whether the pages list the account's followers or the accounts it follows
        /// (default: from the file name, which must then say follower, following or friends).
        #[arg(long, value_enum, requires = "of")]
        relation: Option<RelationArg>,
    },
    /// Import typed account attributes (a leaning, a bot label, …) from a CSV keyed by account id.
    #[command(
        long_about = "Import typed account attributes from a CSV (or TSV; plain, .gz or .zst) \
        with one row per account, keyed by the account's platform id (column id, account_id, user_id, \
        author_id or native_id, or the first column; --id to choose).\n\n\
        Each other column becomes an attribute. Its kind is inferred unless given with --type: boolean when \
        every value is true/false/yes/no/1/0, numeric when every value is a number, categorical otherwise. \
        Accounts the corpus does not know yet are created with their id; a later ingest fills them in.\n\n\
        Read them with SQL: crowdmine sql \"SELECT a.handle, x.name, x.value FROM account_attributes x \
        JOIN accounts a ON a.id = x.account\""
    )]
    Attributes {
        file: PathBuf,
        /// The platform of the account ids.
        #[arg(long, value_enum)]
        platform: PlatformArg,
        /// The column holding the account id.
        #[arg(long)]
        id: Option<String>,
        /// The kind of a column: COLUMN=categorical|numeric|boolean (repeatable).
        #[arg(long = "type", value_name = "COLUMN=KIND")]
        types: Vec<String>,
    },
    /// Summarise the corpus: volumes by platform and kind, time range, top hashtags, accounts,
    /// domains and languages.
    Stats {
        #[arg(long, value_enum, default_value_t = OutFormat::Table)]
        format: OutFormat,
        /// Length of the top lists.
        #[arg(long, default_value_t = 10)]
        top: usize,
    },
    /// Run one read-only SQL query on the corpus (tables: posts, accounts, interactions, ties,
    /// entities, account_attributes, post_versions, files, rejects, skips, compliance; times are
    /// Unix seconds, UTC).
    #[command(
        long_about = "Run one read-only SQL query (SQLite dialect) on the corpus.\n\n\
        Tables: posts, accounts, interactions (post, kind, src, dst, created_at), ties (kind follow|like, src, \
        dst, subject, native_id, created_at), entities (post, kind, value, detail), account_attributes (account, \
        name, value) with attributes (name, kind), post_versions (other ids of a post), files (the ingest \
        ledger), rejects, skips, compliance, raw_posts, raw_accounts.\n\
        Times are Unix seconds (UTC): use datetime(created_at, 'unixepoch') to read them.\n\n\
        Example: crowdmine sql \"SELECT kind, COUNT(*) FROM posts WHERE collected GROUP BY kind\""
    )]
    Sql {
        query: String,
        #[arg(long, value_enum, default_value_t = OutFormat::Table)]
        format: OutFormat,
    },
    /// Build, summarise and convert networks (from graph files or from the corpus).
    #[command(subcommand)]
    Graph(GraphCommand),
    /// Generate a random graph from a network model (seeded; same graph on any thread count).
    #[command(
        subcommand,
        long_about = "Generate a random graph from a network model and write it to a graph file.\n\n\
        Models: er, gnm (Erdős–Rényi), ws, nw (small worlds), ba (Barabási–Albert; --directed for \
        Price's directed preferential attachment), config (configuration model), chung-lu, sbm, \
        dcsbm (block models) and lfr (the LFR community benchmark). Block models and LFR also \
        write each node's planted community, as a `community` node attribute and as \
        FILE.communities.csv (node,community).\n\n\
        Examples:\n  crowdmine generate ba --n 100000 --m 5 --seed 7 --out ba.edges\n  \
        crowdmine generate lfr --n 10000 --mu 0.3 --out lfr.gml"
    )]
    Generate(models_cmd::Model),
    /// Generate synthetic social media with planted ground truth, in a platform's own format.
    #[command(
        long_about = "Generate synthetic social media with planted ground truth.\n\n\
        Writes, into --out: the posts in the platform's own export format (posts.jsonl, or .zst with --zst), \
        follows.csv (follower,followed), accounts.csv (leaning, activity), targets.toml (for `crowdmine \
        opinion`), repost_parents.csv (each repost's true parent) and truth.json (everything planted: \
        communities, influencers, cascades, events, sentiment per community and target, the coordinated \
        group, spam and bot accounts, deleted and edited posts, malformed lines; see docs/synth.md), plus a \
        README of the run.\n\n\
        The follow graph is a degree-corrected block model with planted communities (mixing μ), power-law \
        degrees and reciprocity; posts follow a daily and weekly rhythm in --tz; reposts spread by an \
        independent cascade (--regime contagion) or by homophily without influence (--regime homophily). \
        The same seed gives the same files; memory depends on the accounts, not on the posts.\n\n\
        Examples:\n  crowdmine synth --accounts 2000 --days 14 --out synth/\n  \
        crowdmine synth --platform reddit --accounts 500 --days 3 --zst --seed 7 --out reddit-synth/"
    )]
    Synth(synth_cmd::SynthArgs),
    /// Fit network models to a graph and compare their statistics with it.
    #[command(subcommand)]
    Models(ModelsCommand),
    /// Rank the nodes of a network by a measure (degree, PageRank, eigenvector, k-core, …).
    #[command(long_about = "Rank the nodes of a network by a measure.\n\n\
        The network is a graph file (--graph FILE: edge list, GML, GraphML, GEXF or Pajek) or built from \
        the corpus (--kind repost|reply|quote|mention|interaction|follow|like|co-hashtag|co-domain|\
        account-hashtag|account-domain|accounts-by-hashtag|accounts-by-domain, with --platform, --since, \
        --until, --min-weight, --collected-only). Prints the top nodes (handles when built from the corpus; \
        ties by node order) and writes every node's value with --out (CSV: node,value).\n\n\
        Conventions follow NetworkX: PageRank α = 0.85 with dangling rank spread uniformly, stopping at \
        an L1 change below n·1e-6; eigenvector centrality on in-edges (use --lcc on directed graphs); \
        Katz with α = 0.9/λ_max; clustering and triangles on the undirected simple graph; k-core without \
        self-loops; betweenness normalised by 1/((n−1)(n−2)) (--raw for path counts, --endpoints); \
        closeness (Wasserman–Faust) and harmonic centrality on distances to each node in a directed \
        graph (--direction out for igraph's distances from it); path measures count hops unless \
        --lengths reads edge weights as lengths. See the crowdmine-graph crate docs for the table of \
        conventions.\n\n\
        Example: crowdmine measure pagerank --kind repost --platform x --top 20 --out pagerank.csv")]
    Measure {
        #[arg(value_enum)]
        metric: graph_cmd::Metric,
        #[command(flatten)]
        source: graph_cmd::Source,
        #[command(flatten)]
        options: graph_cmd::MeasureOptions,
        /// How many nodes to show.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Write every node's value (CSV: node,value).
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Distances: a shortest path between two nodes, or the diameter and average path length.
    #[command(long_about = "Distances in a network.\n\n\
        With --from and --to: a shortest path between two nodes (named by id or by label, e.g. a \
        handle). Otherwise: the exact diameter (iFUB, with the double-sweep lower bound and the \
        number of searches it took) and the average path length over reachable pairs, exact up to \
        --samples nodes and otherwise estimated from --samples random sources with a 95 % \
        confidence interval.\n\n\
        Example: crowdmine distance --graph polblogs.gml --directed --samples 200")]
    Distance {
        #[command(flatten)]
        source: graph_cmd::Source,
        #[arg(long, requires = "to")]
        from: Option<String>,
        #[arg(long, requires = "from")]
        to: Option<String>,
        /// Edge weights are lengths (otherwise hops).
        #[arg(long)]
        lengths: bool,
        /// Sources for the average path length (exact on graphs up to this many nodes).
        #[arg(long, default_value_t = 1000)]
        samples: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Does a degree distribution (or a column of counts) follow a power law? x_min, α, bootstrap
    /// p-value and likelihood-ratio tests against other heavy tails.
    #[command(
        long_about = "Fits a discrete power law p(x) ∝ x^−α for x ≥ x_min by the method of \
        Clauset, Shalizi & Newman (2009): α by maximum likelihood for every candidate x_min, x_min \
        where the Kolmogorov–Smirnov distance between the tail and the law is least; the \
        goodness-of-fit p-value from synthetic samples of the fitted model (a power law is ruled out \
        when p < 0.1); and likelihood-ratio tests against the log-normal, exponential, stretched \
        exponential and truncated power law (R > 0 favours the power law). Results agree with the \
        Python package powerlaw 2.0 (Fit(data, discrete=True)), including its conventions: α at \
        most 3 (--alpha-max) and candidates all distinct values except the two largest.\n\n\
        Examples:\n  crowdmine powerlaw --graph polblogs.gml --directed --degree in\n  \
        crowdmine powerlaw --kind repost --bootstrap 2500\n  \
        crowdmine powerlaw --values followers.csv --column followers_count"
    )]
    Powerlaw(powerlaw_cmd::PowerLawArgs),
    /// Communities: Leiden, Louvain or label propagation, with quality and agreement scores.
    #[command(long_about = "Finds communities and scores them.\n\n\
        Methods: leiden (Traag, Waltman & van Eck 2019; the default, iterated until an iteration gains less than 1e-3 of the quality), louvain \
        (Blondel et al. 2008), lpa and lpa-sync (label propagation), infomap (the two-level map \
        equation; --trials) and girvan-newman (up to 5,000 edges). Leiden and Louvain optimise \
        modularity (directed: Leicht–Newman) or the constant Potts model (--quality cpm), at \
        --resolution γ; edge weights count when the graph has them. The terminal shows the number \
        of communities, modularity, coverage and performance, and the largest communities with \
        their conductance and best-connected members; --out writes `node,community` for every \
        node. With --truth FILE (`node,community`) it adds NMI (four normalisations, as \
        scikit-learn), the adjusted Rand index, purity and best-match F1.\n\n\
        Examples:\n  crowdmine communities --graph polbooks.gml --truth polbooks.truth.csv\n  \
        crowdmine communities --kind mention --method louvain --out communities.csv\n  \
        crowdmine communities evaluate --partition a.csv --truth b.csv")]
    Communities(Box<communities_cmd::CommunitiesArgs>),
    /// Languages of the corpus's posts: as tagged by the platforms, and identified where not.
    #[command(
        long_about = "Languages of the corpus's posts: how many posts each platform tagged \
        with each language, and for posts without a tag (or with X's \"und\" and other \
        non-language tags) the language identified from the text by whichlang (16 languages, \
        chosen over whatlang by accuracy and speed on the X posts' own tags; see \
        bench/README.md). --text FILE identifies the language of each line instead.\n\n\
        Examples:\n  crowdmine lang\n  crowdmine lang --text posts.txt"
    )]
    Lang(lang_cmd::LangArgs),
    /// Sentiment by VADER (as vaderSentiment 3.3.2) of the corpus's posts, grouped, or of texts.
    #[command(
        long_about = "Sentiment by VADER (Hutto & Gilbert 2014): the proportions of negative, \
        neutral and positive words (neg, neu, pos) and the normalised compound score in [-1, 1]; \
        compound >= 0.05 is read as positive and <= -0.05 as negative. The scores are those of the \
        Python package vaderSentiment 3.3.2 (under Python 3.11) on every input whose letters \
        Unicode 14.0 (Python 3.11's) already knows, with its rounding \
        (3 and 4 decimals) and its quirks.\n\n\
        The corpus: every post is scored once and the scores are stored with the scorer's name \
        and version (vader-3.3.2) and a hash of the text, so a re-run scores only new and edited \
        posts. VADER is built for English: posts the platform tagged with another language are \
        marked, not scored, unless --any-language; untagged posts are scored. Then the scores are \
        grouped (--by day, the default, week, account, hashtag, platform, all, or community: \
        the author's, from --communities FILE as `crowdmine communities --out` writes it): scored posts, \
        mean compound, the shares positive, negative and neutral, and net sentiment (share \
        positive - share negative). Reposts repeat another post's words and are left out unless \
        --include-reposts. Days and weeks are UTC.\n\n\
        --text FILE: one row per input line instead, numbered from 1 (TSV, CSV, or JSON lines); \
        lines that are not valid UTF-8 are skipped and reported with their number.\n\n\
        Examples:\n  crowdmine sentiment --by week --out weekly.csv\n  \
        crowdmine sentiment --by hashtag --top 30\n  \
        crowdmine communities --kind mention --out c.csv && crowdmine sentiment --by community --communities c.csv\n  \
        crowdmine sentiment --text posts.txt --format csv --out scores.csv\n  \
        echo 'VADER is smart, handsome, and funny!' | crowdmine sentiment --text -"
    )]
    Sentiment(sentiment_cmd::SentimentArgs),
    /// Text classifiers for your own labels: train, cross-validate, apply.
    #[command(
        subcommand,
        long_about = "Text classifiers for your own labels (sentiment, stance, relevance, spam): \
        multinomial naive Bayes and multinomial logistic regression (L2, L-BFGS) on TF-IDF \
        weighted word uni- and bigrams of the social tokenizer's folded tokens (punctuation left \
        out; --ngrams, --min-df). Both match scikit-learn's MultinomialNB and LogisticRegression \
        on the same features. Labelled data: a CSV (TSV for .tsv) with a header; name the text \
        and label columns.\n\n\
        Examples:\n  crowdmine classify evaluate --data labelled.csv --text-column TweetText \
        --label-column Sentiment --drop irrelevant --vader\n  \
        crowdmine classify train --data labelled.csv --method lr --out model.json\n  \
        crowdmine classify apply --model model.json --out labels.csv   # the corpus's posts\n  \
        crowdmine classify apply --model model.json --text new.txt"
    )]
    Classify(classify_cmd::ClassifyCommand),
    /// Opinion on targets: share of voice and sentiment of candidates, parties, brands, topics.
    #[command(
        long_about = "Opinion mining on targets. A targets file (TOML) defines each target by \
        keywords (matched on whole words, case-insensitive, \"biden's\" matches \"biden\"; several \
        words match in a row; a trailing * matches a prefix: \"vaccin*\"), hashtags and handles \
        (mentioned in the post):\n\n\
        [[target]]\nname = \"Labour\"\nkeywords = [\"labour\", \"keir starmer\", \"starmer*\"]\n\
        hashtags = [\"#labour\"]\nhandles = [\"@UKLabour\"]\n\n\
        For each target: the posts that speak of it and its share of voice (its share of all \
        target mentions; a post naming two targets counts for both), the mean VADER compound with \
        a 95% percentile bootstrap interval, the shares positive (>= 0.05) and negative (<= -0.05) \
        and net sentiment, and the most positive, most negative and most engaged posts. Posts are \
        scored first as by `crowdmine sentiment` (English only unless --any-language; reposts \
        left out unless --include-reposts). --out FILE writes the series by --by (day, the \
        default; week; platform; community with --communities; all) as CSV, to set beside \
        opinion polls.\n\n\
        Examples:\n  crowdmine opinion --targets parties.toml\n  \
        crowdmine opinion --targets parties.toml --by day --out daily.csv\n  \
        crowdmine opinion --targets brands.toml --by community --communities c.csv --format csv"
    )]
    Opinion(opinion_cmd::OpinionArgs),
    /// Tokens of social texts: hashtags, mentions, URLs, emoji, emoticons, words; or sentences
    /// or n-grams.
    #[command(
        long_about = "Tokens of social texts, one text per line: URLs, emails, @mentions (also \
        @user@instance), #hashtags, $cashtags, emoji sequences (skin tones, ZWJ sequences, flags, \
        keycaps stay one token), emoticons, numbers, words (contractions, hyphenated words and \
        dotted initials stay whole) and punctuation. Each token keeps its case and has a folded \
        form for counting: lower case, elongations cut to three letters (\"sooooo\" -> \"sooo\"), \
        emoji without skin tone, HTML entities (&amp;) decoded. Output: `line, start (byte \
        offset), kind, text, folded` (TSV) or JSON lines; --sentences splits sentences instead, \
        --ngrams N writes word n-grams of the folded forms.\n\n\
        Examples:\n  crowdmine tokens --text posts.txt --kinds hashtag,mention\n  \
        echo 'Sooo happy!!! 👍🏽 #win' | crowdmine tokens --text -\n  \
        crowdmine tokens --text posts.txt --ngrams 2 --stop-words en\n  \
        crowdmine tokens --text posts.txt --sentences --format json"
    )]
    Tokens(tokens_cmd::TokensArgs),
    /// Signed networks (trust and distrust): structural balance and status.
    #[command(subcommand)]
    Signed(SignedCommand),
    /// The nodes most similar to one node (common neighbours, Jaccard, Adamic–Adar, SimRank, …).
    #[command(
        long_about = "The nodes most similar to NODE (an id, or a label such as a handle).\n\n\
        Methods, on the undirected simple view: common-neighbours, jaccard, cosine, adamic-adar, \
        resource-allocation, preferential-attachment, structural-equivalence (correlation of \
        adjacency rows), simrank (regular equivalence; C = 0.9, graphs up to 5,000 nodes). They match \
        NetworkX's link-prediction functions and simrank_similarity.\n\n\
        Example: crowdmine similar @alice --kind mention --method adamic-adar --top 10"
    )]
    Similar {
        node: String,
        #[command(flatten)]
        source: graph_cmd::Source,
        #[arg(long, value_enum, default_value_t = signed_cmd::Method::Jaccard)]
        method: signed_cmd::Method,
        #[arg(long, default_value_t = 10)]
        top: usize,
    },
    /// Export a table of the corpus as CSV, JSON lines or Parquet.
    Export {
        #[arg(value_enum)]
        what: ExportArg,
        #[arg(long, value_enum, default_value_t = ExportFormatArg::Csv)]
        format: ExportFormatArg,
        /// Only posts created at or after this time (RFC 3339 or YYYY-MM-DD, UTC).
        #[arg(long)]
        since: Option<String>,
        /// Only posts created before this time (RFC 3339 or YYYY-MM-DD, UTC).
        #[arg(long)]
        until: Option<String>,
        /// Output file (default: standard output).
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum SignedCommand {
    /// Structural balance: the signed triad census, the balanced share against sign-shuffled
    /// copies (z-score), and the frustration index (an upper bound by local search).
    Balance {
        #[command(flatten)]
        source: graph_cmd::Source,
        /// Sign-shuffled samples for the null model (0 to skip).
        #[arg(long, default_value_t = 100)]
        null: usize,
        /// Local searches for the frustration index.
        #[arg(long, default_value_t = 20)]
        restarts: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// One graph per value of this column of a CSV edge list (--graph; columns source,
        /// target, sign and this one), e.g. `--by period` for the Correlates of War.
        #[arg(long, value_name = "COLUMN")]
        by: Option<String>,
        #[arg(long, value_enum, default_value_t = OutFormat::Table)]
        output: OutFormat,
    },
    /// Positive and negative degrees of every node, net standing and the status heuristic σ.
    Degrees {
        #[command(flatten)]
        source: graph_cmd::Source,
        /// How many nodes to show (highest status first).
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Write every node's degrees (CSV).
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Status against balance (Leskovec, Huttenlocher & Kleinberg 2010) on a directed signed
    /// graph: the transitive triads (A→B, B→C, A→C), and the 16 types of contextualized link with
    /// their generative and receptive surprise.
    Status {
        #[command(flatten)]
        source: graph_cmd::Source,
        #[arg(long, value_enum, default_value_t = OutFormat::Table)]
        output: OutFormat,
    },
}

#[derive(Subcommand, Debug)]
enum ModelsCommand {
    /// A graph beside Erdős–Rényi, configuration-model, Chung–Lu, Barabási–Albert and
    /// Watts–Strogatz graphs matched to it (several seeds, mean ± standard error), with the
    /// analytic expectations of Erdős–Rényi and the configuration model: degrees, clustering,
    /// transitivity, path length, assortativity and the largest component's share.
    #[command(long_about = "Compare a graph with network models fitted to it.\n\n\
        Each model is matched on n and m (and the degree sequence where it can be: configuration \
        model, Chung–Lu) and generated with several seeds; the table shows the observed value, each \
        model's mean ± standard error, and the analytic expectation where theory gives one \
        (Erdős–Rényi clustering p, configuration-model clustering (⟨k²⟩−⟨k⟩)²/(n⟨k⟩³), giant \
        component, path length). Graphs are compared as undirected simple graphs.\n\n\
        Example: crowdmine models compare --graph karate.gml --seeds 10")]
    Compare {
        #[command(flatten)]
        source: graph_cmd::Source,
        /// Graphs generated per model.
        #[arg(long, default_value_t = 5)]
        seeds: u64,
        /// The first seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Watts–Strogatz rewiring probability.
        #[arg(long, default_value_t = 0.1)]
        ws_p: f64,
        /// Sources for the average path length (exact on graphs up to this many nodes).
        #[arg(long, default_value_t = 500)]
        path_samples: usize,
        /// table or json.
        #[arg(long, value_enum, default_value_t = OutFormat::Table)]
        output: OutFormat,
    },
}

#[derive(Subcommand)]
enum GraphCommand {
    /// Build a network from the corpus and write it (GEXF for Gephi, GraphML, GML, Pajek, edge list).
    #[command(long_about = "Build a network from the corpus and write it.\n\n\
        Kinds: repost, reply, quote, mention, interaction (the four together), follow, like — directed \
        account networks weighted by counts; co-hashtag, co-domain — undirected, weighted by the posts \
        holding both (reposts left out); account-hashtag, account-domain — bipartite (node attribute \
        `bipartite` 0 for accounts, 1 for items), weighted by the account's posts with the item; \
        accounts-by-hashtag, accounts-by-domain — their projections onto accounts, weighted by the number \
        of items shared. Account nodes are platform:native_id with the label @handle.\n\n\
        Example: crowdmine graph build --kind repost --platform x --min-weight 2 --out reposts.gexf")]
    Build {
        #[command(flatten)]
        source: graph_cmd::Source,
        /// Output file; the format comes from its extension unless --format.
        #[arg(long, short)]
        out: PathBuf,
        /// edgelist, gml, graphml, gexf, pajek, tables (BASE.nodes.csv + BASE.edges.csv) or parquet
        /// (BASE.nodes.parquet + BASE.edges.parquet; needs a build with --features parquet).
        #[arg(long)]
        format: Option<String>,
    },
    /// Summarise a network: size, density, components, reciprocity, clustering, assortativity, degrees.
    Summary {
        #[command(flatten)]
        source: graph_cmd::Source,
        #[arg(long, value_enum, default_value_t = OutFormat::Table)]
        output: OutFormat,
    },
    /// Time loading a graph and each kernel (JSON; threads from RAYON_NUM_THREADS), for benchmarks.
    Bench {
        #[command(flatten)]
        source: graph_cmd::Source,
        /// PageRank runs exactly this many iterations, to compare equal work across tools.
        #[arg(long, default_value_t = 20)]
        pagerank_iterations: usize,
        /// Time only these kernels (comma-separated, e.g. pagerank,triangles); all by default.
        #[arg(long, value_delimiter = ',')]
        kernels: Vec<String>,
    },
    /// Convert a graph file from one format to another (by extension, or --from/--to).
    Convert {
        input: PathBuf,
        output: PathBuf,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        /// Read an edge list as directed.
        #[arg(long)]
        directed: bool,
        /// Edge lists: the third column is the weight.
        #[arg(long)]
        weighted: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Auto,
    #[value(name = "x-v2")]
    XV2,
    #[value(name = "x-v1")]
    XV1,
    Reddit,
    Mastodon,
    Bluesky,
    /// A CSV of posts described by --map.
    Csv,
    #[value(name = "twarc-csv")]
    TwarcCsv,
    #[value(name = "4cat")]
    FourCat,
    /// Follow edges: follower,followed (CSV, TSV or spaces; needs --platform).
    Follows,
}

#[derive(Clone, Copy, ValueEnum)]
enum PlatformArg {
    X,
    Reddit,
    Mastodon,
    Bluesky,
}

impl PlatformArg {
    fn platform(self) -> Platform {
        match self {
            PlatformArg::X => Platform::X,
            PlatformArg::Reddit => Platform::Reddit,
            PlatformArg::Mastodon => Platform::Mastodon,
            PlatformArg::Bluesky => Platform::Bluesky,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum RelationArg {
    /// The accounts listed follow the account.
    Followers,
    /// The account follows the accounts listed.
    Following,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum OutFormat {
    Table,
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportArg {
    Posts,
    Accounts,
    Interactions,
    Entities,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExportFormatArg {
    Csv,
    Jsonl,
    /// Typed columns, `created_at` as a UTC timestamp (needs a build with `--features parquet`).
    Parquet,
}

fn time_arg(s: &Option<String>, name: &str) -> Result<Option<i64>> {
    match s {
        None => Ok(None),
        Some(s) => crowdmine::model::time::parse_rfc3339(s)
            .map(Some)
            .with_context(|| format!("--{name} {s:?}: expected a date (2021-06-26) or an RFC 3339 time (2021-06-26T19:22:00Z)")),
    }
}

#[cfg(feature = "parquet")]
fn export_parquet(
    corpus: &Corpus,
    kind: ExportKind,
    since: Option<i64>,
    until: Option<i64>,
    out: Option<&std::path::Path>,
) -> Result<u64> {
    Ok(match out {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            corpus.export_parquet(kind, since, until, std::io::BufWriter::new(file))?
        }
        None => corpus.export_parquet(
            kind,
            since,
            until,
            std::io::BufWriter::new(std::io::stdout()),
        )?,
    })
}

#[cfg(not(feature = "parquet"))]
fn export_parquet(
    _: &Corpus,
    _: ExportKind,
    _: Option<i64>,
    _: Option<i64>,
    _: Option<&std::path::Path>,
) -> Result<u64> {
    bail!(
        "this crowdmine was built without Parquet support (it adds minutes to the build); \
         rebuild with `cargo build --release --features parquet`, or export CSV or JSON lines"
    )
}

/// A mapping given inline (`key=column,…`) or as a file of `key=column` lines.
fn parse_mapping(spec: &str) -> Result<Mapping> {
    let path = std::path::Path::new(spec);
    let text = if !spec.contains('=') && path.exists() {
        std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the mapping file {spec}"))?
    } else {
        spec.to_string()
    };
    Mapping::parse(&text).map_err(|e| anyhow::anyhow!("--map: {e}"))
}

/// The relation of follower/following pages: given, or named by every file.
fn follow_relation(given: Option<RelationArg>, files: &[PathBuf]) -> Result<Relation> {
    if let Some(r) = given {
        return Ok(match r {
            RelationArg::Followers => Relation::Followers,
            RelationArg::Following => Relation::Following,
        });
    }
    let named = |f: &PathBuf| {
        let n = f
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if n.contains("follower") {
            Some(Relation::Followers)
        } else if n.contains("following") || n.contains("friends") {
            Some(Relation::Following)
        } else {
            None
        }
    };
    let found: Vec<Option<Relation>> = files.iter().map(named).collect();
    match found.first() {
        Some(Some(r)) if found.iter().all(|f| f == &Some(*r)) => Ok(*r),
        _ => bail!("--of: say whether the pages list the account's followers or followings with --relation followers|following"),
    }
}

fn open_reader(db: &std::path::Path) -> Result<Corpus> {
    let corpus = Corpus::open_reader(db)?;
    if corpus.in_use {
        eprintln!(
            "note: corpus {} is in use by an ingest; showing its last committed state",
            db.display()
        );
    }
    Ok(corpus)
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest {
            files,
            format,
            strict,
            no_raw,
            quiet,
            commit_every,
            platform,
            map,
            include_direct,
            of,
            relation,
        } => {
            let format = match format {
                FormatArg::Auto => None,
                FormatArg::XV2 => Some(Format::XV2),
                FormatArg::XV1 => Some(Format::XV1),
                FormatArg::Reddit => Some(Format::Reddit),
                FormatArg::Mastodon => Some(Format::Mastodon),
                FormatArg::Bluesky => Some(Format::Bluesky),
                FormatArg::Csv => Some(Format::Csv),
                FormatArg::TwarcCsv => Some(Format::TwarcCsv),
                FormatArg::FourCat => Some(Format::FourCat),
                FormatArg::Follows => Some(Format::Follows),
            };
            if format == Some(Format::Follows) && platform.is_none() {
                bail!("--format follows needs --platform (the platform of the account ids)");
            }
            let mapping = match &map {
                Some(spec) => Some(parse_mapping(spec)?),
                None => None,
            };
            let follows_of = match of {
                Some(account) => Some((account, follow_relation(relation, &files)?)),
                None => None,
            };
            let mut corpus = Corpus::open_writer(&cli.db)?;
            let opts = IngestOptions {
                format,
                keep_raw: !no_raw,
                commit_every: commit_every.max(1),
                include_direct,
                follows_of,
                platform: platform.map(PlatformArg::platform),
                mapping,
            };
            let bar = progress::Bar::new(&files, quiet);
            let report = ingest(&mut corpus, &files, &opts, &bar)?;
            bar.finish();
            render::ingest_summary(&report, &cli.db)?;
            if report.failed() {
                return Ok(ExitCode::from(1));
            }
            if strict && report.rejected() > 0 {
                eprintln!("error: --strict: {} record(s) rejected", report.rejected());
                return Ok(ExitCode::from(3));
            }
        }
        Command::Attributes {
            file,
            platform,
            id,
            types,
        } => {
            let mut kinds = Vec::new();
            for t in &types {
                let (column, kind) = t
                    .split_once('=')
                    .with_context(|| format!("--type {t:?}: expected COLUMN=KIND"))?;
                let kind = AttributeKind::parse(kind.trim()).with_context(|| {
                    format!("--type {t:?}: the kind is categorical, numeric or boolean")
                })?;
                kinds.push((column.trim().to_string(), kind));
            }
            let mut corpus = Corpus::open_writer(&cli.db)?;
            let opts = AttributeOptions {
                platform: platform.platform(),
                id_column: id,
                kinds,
            };
            let report = import_attributes(&mut corpus, &file, &opts)?;
            render::attributes_summary(&report, &file)?;
        }
        Command::Graph(GraphCommand::Build {
            source,
            out,
            format,
        }) => {
            let data = graph_cmd::load_data(&source, &cli.db)?;
            graph_cmd::write(&data, &out, format.as_deref())?;
        }
        Command::Graph(GraphCommand::Bench {
            source,
            pagerank_iterations,
            kernels,
        }) => graph_cmd::bench(&source, &cli.db, pagerank_iterations, &kernels)?,
        Command::Graph(GraphCommand::Summary { source, output }) => {
            if output == OutFormat::Csv {
                bail!("graph summary has no CSV form; use --output table or json");
            }
            let (g, _, values) = graph_cmd::load_with_attribute(&source, &cli.db)?;
            let mut summary = graph_cmd::summarise(&g);
            if let Some(name) = &source.attribute {
                if values.is_empty() {
                    bail!("no node has the attribute {name}");
                }
                let (nominal, numeric) = graph_cmd::attribute_assortativity(&g, &values);
                summary.attribute = Some(name.clone());
                summary.attribute_assortativity = Some(nominal);
                summary.numeric_attribute_assortativity = numeric;
            }
            graph_cmd::print_summary(&summary, output == OutFormat::Json)?;
        }
        Command::Graph(GraphCommand::Convert {
            input,
            output,
            from,
            to,
            directed,
            weighted,
        }) => {
            let source = graph_cmd::Source {
                graph: Some(input),
                graph_format: from,
                kind: None,
                platform: None,
                since: None,
                until: None,
                min_weight: 1.0,
                collected_only: false,
                directed,
                undirected: false,
                weighted,
                signed: false,
                lcc: false,
                attribute: None,
            };
            let data = graph_cmd::load_data(&source, &cli.db)?;
            graph_cmd::write(&data, &output, to.as_deref())?;
        }
        Command::Generate(model) => models_cmd::run(model)?,
        Command::Synth(args) => synth_cmd::run(&args)?,
        Command::Analyze(args) => {
            // The corpus goes into the output directory unless --db (or CROWDMINE_DB) names one.
            let named = std::env::var_os("CROWDMINE_DB").is_some()
                || std::env::args_os()
                    .any(|a| a == "--db" || a.to_string_lossy().starts_with("--db="));
            let written = analyze_cmd::run(&args, named.then_some(cli.db.as_path()))?;
            if written.failed_files > 0 {
                eprintln!(
                    "error: {} input file(s) could not be read (listed in the report's ingest \
                     ledger); the report covers the others",
                    written.failed_files
                );
                return Ok(ExitCode::from(1));
            }
        }
        Command::Demo(args) => analyze_cmd::demo(&args)?,
        Command::Communities(args) => communities_cmd::run(&args, &cli.db)?,
        Command::Powerlaw(args) => powerlaw_cmd::run(&args, &cli.db)?,
        Command::Sentiment(args) => sentiment_cmd::run(&args, &cli.db)?,
        Command::Lang(args) => lang_cmd::run(&args, &cli.db)?,
        Command::Tokens(args) => tokens_cmd::run(&args)?,
        Command::Opinion(args) => opinion_cmd::run(&args, &cli.db)?,
        Command::Classify(cmd) => classify_cmd::run(&cmd, &cli.db)?,
        Command::Signed(SignedCommand::Balance {
            source,
            null,
            restarts,
            seed,
            by,
            output,
        }) => match by {
            Some(column) => signed_cmd::balance_by(
                &source,
                &column,
                null,
                restarts,
                seed,
                output == OutFormat::Json,
            )?,
            None => signed_cmd::balance(
                &source,
                &cli.db,
                null,
                restarts,
                seed,
                output == OutFormat::Json,
            )?,
        },
        Command::Signed(SignedCommand::Degrees { source, top, out }) => {
            signed_cmd::degrees(&source, &cli.db, top, out.as_deref())?
        }
        Command::Signed(SignedCommand::Status { source, output }) => {
            signed_cmd::status(&source, &cli.db, output == OutFormat::Json)?
        }
        Command::Similar {
            node,
            source,
            method,
            top,
        } => signed_cmd::similar(&source, &cli.db, &node, method, top)?,
        Command::Distance {
            source,
            from,
            to,
            lengths,
            samples,
            seed,
        } => {
            let path = from.as_deref().zip(to.as_deref());
            graph_cmd::distance(&source, &cli.db, path, lengths, samples, seed)?;
        }
        Command::Models(ModelsCommand::Compare {
            source,
            seeds,
            seed,
            ws_p,
            path_samples,
            output,
        }) => {
            if output == OutFormat::Csv {
                bail!("models compare has no CSV form; use --output table or json");
            }
            if seeds < 2 {
                bail!("--seeds must be at least 2, for standard errors");
            }
            let (g, _) = graph_cmd::load(&source, &cli.db)?;
            let opts = crowdmine::graph::generators::compare::CompareOptions {
                seeds,
                seed,
                ws_p,
                path_samples,
            };
            models_cmd::compare(&g, &opts, output == OutFormat::Json)?;
        }
        Command::Measure {
            metric,
            source,
            options,
            top,
            out,
        } => graph_cmd::measure(&source, &cli.db, metric, &options, top, out.as_deref())?,
        Command::Stats { format, top } => {
            let corpus = open_reader(&cli.db)?;
            let stats = corpus.stats(top)?;
            match format {
                OutFormat::Json => {
                    let mut out = std::io::stdout().lock();
                    serde_json::to_writer_pretty(&mut out, &stats)?;
                    writeln!(out)?;
                }
                OutFormat::Table => render::stats(&stats)?,
                OutFormat::Csv => bail!("stats has no CSV form; use --format table or json"),
            }
        }
        Command::Sql { query, format } => {
            let corpus = open_reader(&cli.db)?;
            if format == OutFormat::Table {
                render::table(&corpus.sql(&query)?)?;
            } else {
                render::stream(&corpus, &query, format)?;
            }
        }
        Command::Export {
            what,
            format,
            since,
            until,
            out,
        } => {
            let corpus = open_reader(&cli.db)?;
            let kind = match what {
                ExportArg::Posts => ExportKind::Posts,
                ExportArg::Accounts => ExportKind::Accounts,
                ExportArg::Interactions => ExportKind::Interactions,
                ExportArg::Entities => ExportKind::Entities,
            };
            let (since, until) = (time_arg(&since, "since")?, time_arg(&until, "until")?);
            let n = if format == ExportFormatArg::Parquet {
                export_parquet(&corpus, kind, since, until, out.as_deref())?
            } else {
                let format = if format == ExportFormatArg::Csv {
                    ExportFormat::Csv
                } else {
                    ExportFormat::Jsonl
                };
                let mut w: Box<dyn Write> = match &out {
                    Some(path) => Box::new(std::io::BufWriter::new(
                        std::fs::File::create(path)
                            .with_context(|| format!("cannot create {}", path.display()))?,
                    )),
                    None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
                };
                let n = corpus.export(kind, format, since, until, &mut w)?;
                w.flush()?;
                n
            };
            if let Some(path) = out {
                eprintln!("wrote {n} rows to {}", path.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // `crowdmine stats | head` is not an error.
            let broken_pipe = e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) || e.to_string().contains("Broken pipe");
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
