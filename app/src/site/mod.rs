//! The frame every page shares (header, navigation, footer), the landing page, the
//! error page, loading a page's data, success notices, form building blocks and tables
//! that fit a phone.
pub mod error_page;
pub mod forms;
pub mod home;
pub mod layout;
pub mod loaded;
pub mod notice;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod stash;
pub mod table;
