//! Indonesia's provinces and regencies/cities, with their official codes.
#[cfg(feature = "ssr")]
pub mod service;
