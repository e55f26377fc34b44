//! Parquet exports read back with the parquet crate's own reader: row counts, column types and
//! values survive.
#![cfg(feature = "parquet")]

use arrow_array::{Array, Int64Array, StringArray, TimestampSecondArray};
use arrow_schema::{DataType, TimeUnit};
use crowdmine_model::{Account, Entity, EntityKind, Platform, Post};
use crowdmine_store::{Corpus, ExportKind, RecordSource};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

#[test]
fn posts_and_entities_round_trip() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("c.db");
    let mut corpus = Corpus::open_writer(&db).expect("corpus");
    {
        let mut w = corpus.writer(false, None).expect("writer");
        let f = w.begin_file("/data/x.jsonl", 1, 1).expect("file").id;
        let src = RecordSource {
            platform: Platform::X,
            file: f,
            line: 1,
            retrieved_at: None,
        };
        let author = Account {
            native_id: Some("7".into()),
            handle: Some("ada".into()),
            has_object: true,
            ..Account::default()
        };
        let posts: Vec<(Post, Option<Vec<u8>>)> = (0..3)
            .map(|i| {
                let p = Post {
                    native_id: format!("10{i}"),
                    author: Some("7".into()),
                    created_at: Some(1_624_735_320 + i),
                    text: Some(format!("post {i} #tag")),
                    like_count: Some(i),
                    collected: true,
                    entities: vec![Entity {
                        kind: EntityKind::Hashtag,
                        value: "tag".into(),
                        detail: None,
                    }],
                    ..Post::default()
                };
                (p, None)
            })
            .collect();
        w.apply_record(src, vec![(author, None)], posts, Vec::new(), 0)
            .expect("apply");
        w.checkpoint(f, 1, Some("x-v2")).expect("commit");
    }
    let path = tmp.path().join("posts.parquet");
    let file = std::fs::File::create(&path).expect("create");
    let n = corpus
        .export_parquet(ExportKind::Posts, Some(1_624_735_321), None, file)
        .expect("export");
    assert_eq!(n, 2, "--since keeps the two later posts");

    let reader =
        ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).expect("open"))
            .expect("parquet")
            .build()
            .expect("reader");
    let batches: Vec<_> = reader.collect::<Result<_, _>>().expect("batches");
    let batch = &batches[0];
    assert_eq!(batch.num_rows(), 2);
    let schema = batch.schema();
    let field = |name: &str| {
        schema
            .field_with_name(name)
            .expect(name)
            .data_type()
            .clone()
    };
    assert_eq!(
        field("created_at"),
        DataType::Timestamp(TimeUnit::Second, Some("UTC".into()))
    );
    assert_eq!(field("like_count"), DataType::Int64);
    assert_eq!(field("text"), DataType::Utf8);
    let col = |name: &str| batch.column(schema.index_of(name).expect(name)).clone();
    let times = col("created_at");
    let times = times
        .as_any()
        .downcast_ref::<TimestampSecondArray>()
        .expect("ts");
    assert_eq!(times.value(0), 1_624_735_321);
    let text = col("text");
    let text = text.as_any().downcast_ref::<StringArray>().expect("text");
    assert_eq!(text.value(1), "post 2 #tag");
    let handle = col("author_handle");
    let handle = handle
        .as_any()
        .downcast_ref::<StringArray>()
        .expect("handle");
    assert_eq!(handle.value(0), "ada");
    let likes = col("like_count");
    let likes = likes.as_any().downcast_ref::<Int64Array>().expect("likes");
    assert_eq!((likes.value(0), likes.null_count()), (1, 0));

    let path = tmp.path().join("entities.parquet");
    let n = corpus
        .export_parquet(
            ExportKind::Entities,
            None,
            None,
            std::fs::File::create(&path).expect("create"),
        )
        .expect("export");
    assert_eq!(n, 3);
}
