//! `include_schema!("path/to/metrics-schema.toml")`: a thin shell over `raft-metrics-schema`.
//! It reads the file, lets the library parse, validate and emit, and turns every error into
//! a `compile_error!` that names `FILE:LINE:COL`.

use std::path::{Path, PathBuf};

use proc_macro::TokenStream;
use quote::quote;
use raft_metrics_schema::rust::Contract;
use syn::parse::{Parse, ParseStream};
use syn::{parse_macro_input, Ident, LitStr, Path as SynPath, Token};

/// `"path"`, then optionally `, contract` or `, implements = some_crate`.
struct Input {
    path: LitStr,
    mode: Mode,
}

enum Mode {
    Plain,
    Contract,
    Implements(SynPath),
}

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let path: LitStr = input.parse()?;
        if input.is_empty() {
            return Ok(Input {
                path,
                mode: Mode::Plain,
            });
        }
        input.parse::<Token![,]>()?;
        let word: Ident = input.parse()?;
        let mode = match word.to_string().as_str() {
            "contract" => Mode::Contract,
            "implements" => {
                input.parse::<Token![=]>()?;
                Mode::Implements(input.parse()?)
            }
            _ => {
                return Err(syn::Error::new(
                    word.span(),
                    "expected `contract` or `implements = raft_metrics`",
                ))
            }
        };
        let _ = input.parse::<Option<Token![,]>>()?;
        Ok(Input { path, mode })
    }
}

/// Expand a schema file into the typed metrics API.
///
/// `include_schema!("my-schema.toml", implements = raft_metrics)` also implements
/// `raft_metrics::RaftMetricsApi` and `PartitionMetricsApi` for the generated types, so the
/// adapters accept them; it is a compile error naming each label, scope or metric of
/// `raft-metrics`' schema that the file lacks or declares differently.
///
/// The path is resolved against the invoking crate's `CARGO_MANIFEST_DIR`; when no file is
/// there, against the directory of the source file that invokes the macro. The file is tracked,
/// so editing it rebuilds the crate.
#[proc_macro]
pub fn include_schema(input: TokenStream) -> TokenStream {
    let Input { path: lit, mode } = parse_macro_input!(input as Input);
    let rel = lit.value();
    let path = resolve(&rel, &proc_macro::Span::call_site());
    let abs = path.to_string_lossy().into_owned();
    // `include_bytes!` makes cargo and rustc rebuild when the schema changes.
    let track = quote! { const _: &[u8] = include_bytes!(#abs); };
    if !path.is_file() {
        let msg =
            format!("no schema file at {abs} (the path is relative to the crate's Cargo.toml)");
        return quote::quote_spanned! { lit.span() => compile_error!(#msg); }.into();
    }
    match load(&path, &rel, &mode) {
        Ok(code) => quote! { #track #code }.into(),
        Err(report) => {
            let errors = report.errors().map(|d| {
                let msg = report.render_compact(d);
                quote::quote_spanned! { lit.span() => compile_error!(#msg); }
            });
            let track = if path.exists() { track } else { quote!() };
            quote! { #track #(#errors)* }.into()
        }
    }
}

/// The schema's tokens, or every error (with the contract's, for `implements`).
fn load(
    path: &Path,
    rel: &str,
    mode: &Mode,
) -> Result<proc_macro2::TokenStream, raft_metrics_schema::Report> {
    let (schema, report) = raft_metrics_schema::load(path, rel)?;
    Ok(match mode {
        Mode::Plain => raft_metrics_schema::rust::emit(&schema),
        Mode::Contract => raft_metrics_schema::rust::emit_with(&schema, &Contract::Define),
        Mode::Implements(krate) => {
            // The schema `raft-metrics` is built from (the base `extends` names): the adapters'
            // contract.
            let base = raft_metrics_schema::base::DEFAULT;
            let (contract, _) = raft_metrics_schema::from_str(base.text, base.file_name)?;
            let problems = raft_metrics_schema::contract::check(&contract, &schema);
            if !problems.is_empty() {
                // The loaded report already holds the file's text and name.
                return Err(raft_metrics_schema::Report {
                    diagnostics: problems,
                    ..report
                });
            }
            let krate = match krate.leading_colon {
                Some(_) => quote!(#krate),
                None => quote!(::#krate),
            };
            raft_metrics_schema::rust::emit_with(
                &schema,
                &Contract::Implement {
                    schema: &contract,
                    krate,
                },
            )
        }
    })
}

fn resolve(rel: &str, span: &proc_macro::Span) -> PathBuf {
    let p = Path::new(rel);
    if p.is_absolute() {
        return p.to_path_buf();
    }
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let from_manifest = manifest.join(p);
    if from_manifest.exists() {
        return from_manifest;
    }
    if let Some(file) = span.local_file() {
        let from_file = file.parent().unwrap_or(Path::new("")).join(p);
        // rustc reports source paths relative to its working directory.
        let from_file = if from_file.is_relative() {
            std::env::current_dir().unwrap_or_default().join(from_file)
        } else {
            from_file
        };
        if from_file.exists() {
            return from_file;
        }
    }
    from_manifest
}
