//! Clear errors for the common slips.

use super::{assert_code, run, text};

#[test]
fn a_sources_folder_holding_none_of_the_documents_is_one_error() {
    let empty = tempfile::tempdir().unwrap();
    let dir = empty.path().to_str().unwrap();
    let out = run(&["check", "--sources", dir, "data"]);
    assert_code(&out, 2);
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(dir), "{stderr}");
    assert!(
        stderr.contains("the first, `000_face1693966c5de9.txt`, is not there"),
        "{stderr}"
    );
}

#[test]
fn a_file_given_as_the_sources_folder_says_so() {
    let out = run(&["check", "--sources", "README.md", "data"]);
    assert_code(&out, 2);
    assert!(
        text(&out.stderr).contains("--sources README.md is a file, not a folder"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_file_where_a_folder_is_expected_and_the_reverse_say_so() {
    let out = run(&["render", "data", "--all", "README.md"]);
    assert_code(&out, 2);
    assert!(
        text(&out.stderr).contains("README.md is a file, not a folder"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["render", "data", "-o", "docs"]);
    assert_code(&out, 2);
    assert!(
        text(&out.stderr).contains("docs is a folder, not a file"),
        "{}",
        text(&out.stderr)
    );
}
