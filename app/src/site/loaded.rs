//! Pages built on what a server function loaded: the page once it is there, the
//! translated error page (which sets the response status) when loading failed.
use std::sync::Arc;

use leptos::prelude::*;

use crate::error::AppError;
use crate::site::error_page::{set_status, ErrorPage};

type Missing = Arc<dyn Fn() -> AnyView + Send + Sync>;

/// Renders `page` with the value `resource` loaded, inside a `<Suspense>`; an error
/// renders the error page instead.
pub fn loaded<T, Ser, V>(
    resource: Resource<Result<T, AppError>, Ser>,
    page: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Ser: Send + Sync + 'static,
    V: IntoView + 'static,
{
    load(resource, None, page)
}

/// [`loaded`], except that `NotFound` renders `missing` (still answered with 404)
/// instead of the error page: a link whose code or token no longer names anything.
pub fn loaded_or_missing<T, Ser, M, V>(
    resource: Resource<Result<T, AppError>, Ser>,
    missing: impl Fn() -> M + Send + Sync + 'static,
    page: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Ser: Send + Sync + 'static,
    M: IntoView + 'static,
    V: IntoView + 'static,
{
    let missing: Missing = Arc::new(move || missing().into_any());
    load(resource, Some(missing), page)
}

fn load<T, Ser, V>(
    resource: Resource<Result<T, AppError>, Ser>,
    missing: Option<Missing>,
    page: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Ser: Send + Sync + 'static,
    V: IntoView + 'static,
{
    let page = Arc::new(page);
    view! {
        <Suspense>
            {move || {
                let page = Arc::clone(&page);
                let missing = missing.clone();
                Suspend::new(async move {
                    match (resource.await, missing) {
                        (Ok(value), _) => page(value).into_any(),
                        (Err(AppError::NotFound), Some(missing)) => {
                            set_status(&AppError::NotFound);
                            missing()
                        }
                        (Err(error), _) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
