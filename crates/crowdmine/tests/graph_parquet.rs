//! Node and edge tables as Parquet round-trip (built with `--features parquet`).
#![cfg(feature = "parquet")]

use crowdmine::graph::{AttrValue, Attrs, EdgeData, GraphData};
use crowdmine::graph_parquet::{read_tables, write_tables};

#[test]
fn parquet_tables_round_trip() {
    let mut d = GraphData {
        directed: true,
        ..GraphData::default()
    };
    let mut index = Default::default();
    let a = d.node_index("x:1", &mut index);
    let b = d.node_index("x:2", &mut index);
    d.node_index("lonely", &mut index);
    d.nodes[a]
        .attrs
        .insert("label".into(), AttrValue::Text("@ann".into()));
    d.nodes[a]
        .attrs
        .insert("community".into(), AttrValue::Int(4));
    d.nodes[b]
        .attrs
        .insert("pagerank".into(), AttrValue::Float(0.5));
    d.nodes[b].attrs.insert("bot".into(), AttrValue::Bool(true));
    let mut attrs = Attrs::new();
    attrs.insert("kind".into(), AttrValue::Text("repost".into()));
    d.edges.push(EdgeData {
        source: a,
        target: b,
        weight: Some(3.0),
        attrs,
    });
    let tmp = tempfile::tempdir().expect("tmp");
    let (nodes, edges) = write_tables(&d, &tmp.path().join("g.parquet")).expect("write");
    assert!(nodes.ends_with("g.nodes.parquet") && edges.ends_with("g.edges.parquet"));
    let back = read_tables(&edges, true).expect("read");
    assert_eq!(back, d);
}
