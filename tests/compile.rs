//! Every schema mistake is a compile error naming FILE:LINE:COL with a fix; the typed API
//! rejects wrong label counts and types at compile time.

#[test]
fn schema_errors_and_api_misuse_do_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
    t.pass("ui/pass/*.rs");
}
