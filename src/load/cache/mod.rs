//! The warm cache: each file's located tree, kept between runs so an unchanged
//! file skips YAML entirely; and, in `record`, the validated record as a whole,
//! so an unchanged record skips validation too.
//!
//! An entry is keyed by the file's content (a 128-bit hash, in the entry's name and
//! again inside it, with the text's length) and by the program's version and the
//! entry format: a record edited, or a stancemap upgraded, never reads a stale tree.
//! A tree is kept per file because validation is cross-file: after an edit to one
//! file, the others' trees are reused and validation runs again over the whole.
//! Only files whose YAML had no problem are cached.
//!
//! A cache entry is never trusted: a wrong magic, version, hash or length, a bad
//! checksum, or a node pointing outside its arrays makes the entry ignored (and
//! rewritten after parsing). Entries are written to a temporary file and renamed
//! into place, so a reader never sees half an entry; failing to write is silent
//! (a read-only cache directory only costs speed).

mod record;

pub use record::{record_key, Validated};

use super::tree::{Kind, Node, Tree, IN_FILE};
use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"STMPTREE";
/// Bumped whenever the layout below or the tree's meaning changes.
const FORMAT: u32 = 2;
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where cache entries live; `None` turns the cache off.
#[derive(Clone, Debug, Default)]
pub struct Cache {
    pub dir: Option<PathBuf>,
}

impl Cache {
    /// The user's cache directory (`$XDG_CACHE_HOME/stancemap`, else
    /// `~/.cache/stancemap`; `~/Library/Caches/stancemap` on macOS).
    pub fn user() -> Cache {
        let base = std::env::var_os("XDG_CACHE_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                let home = PathBuf::from(std::env::var_os("HOME").filter(|v| !v.is_empty())?);
                Some(if cfg!(target_os = "macos") {
                    home.join("Library/Caches")
                } else {
                    home.join(".cache")
                })
            });
        Cache {
            dir: base.map(|b| b.join("stancemap")),
        }
    }

    pub fn at(dir: &Path) -> Cache {
        Cache {
            dir: Some(dir.to_path_buf()),
        }
    }

    pub fn off() -> Cache {
        Cache { dir: None }
    }

    fn entry(&self, key: u128) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(format!("{key:032x}.tree")))
    }

    /// The cached tree of a file with this text, if a sound entry exists.
    pub fn get(&self, text: &str) -> Option<Tree> {
        self.dir.as_ref()?; // off: do not even hash
        let key = content_key(text);
        let bytes = std::fs::read(self.entry(key)?).ok()?;
        decode(&bytes, key, text)
    }

    /// Stores a file's tree; any failure is ignored.
    pub fn put(&self, text: &str, tree: &Tree) {
        if self.dir.is_none() {
            return;
        }
        let key = content_key(text);
        let Some(path) = self.entry(key) else { return };
        let bytes = encode(tree, key, text);
        self.write(&path, &bytes);
    }

    /// Writes an entry through a temporary file renamed into place; any failure
    /// is ignored.
    fn write(&self, path: &Path, bytes: &[u8]) {
        let Some(dir) = &self.dir else { return };
        let _ = (|| -> std::io::Result<()> {
            std::fs::create_dir_all(dir)?;
            let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
            tmp.write_all(bytes)?;
            tmp.persist(path).map_err(|e| e.error)?;
            Ok(())
        })();
    }
}

/// 128 bits of the text: two independent 64-bit hashes.
pub fn content_key(text: &str) -> u128 {
    let half = |seed: u8| {
        let mut h = std::hash::DefaultHasher::new();
        h.write_u8(seed);
        h.write(text.as_bytes());
        h.finish() as u128
    };
    (half(1) << 64) | half(2)
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

fn encode(tree: &Tree, key: u128, text: &str) -> Vec<u8> {
    encode_as(tree, key, text, VERSION)
}

fn encode_as(tree: &Tree, key: u128, text: &str, version: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + tree.nodes.len() * 18 + tree.children.len() * 4);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&(version.len() as u32).to_le_bytes());
    out.extend_from_slice(version.as_bytes());
    out.extend_from_slice(&key.to_le_bytes());
    out.extend_from_slice(&(text.len() as u64).to_le_bytes());
    for n in [
        tree.nodes.len(),
        tree.children.len(),
        tree.strings.len(),
        tree.roots.len(),
        tree.depth as usize,
        tree.aliases as usize,
    ] {
        out.extend_from_slice(&(n as u32).to_le_bytes());
    }
    for n in &tree.nodes {
        out.push(n.kind as u8);
        out.push(n.flags);
        for v in [n.offset, n.len, n.a, n.b] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    for c in tree.children.iter().chain(&tree.roots) {
        out.extend_from_slice(&c.to_le_bytes());
    }
    out.extend_from_slice(tree.strings.as_bytes());
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// Reads little-endian fields off the front of a byte slice.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

fn decode(bytes: &[u8], key: u128, text: &str) -> Option<Tree> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if checksum(body) != u64::from_le_bytes(sum.try_into().ok()?) {
        return None;
    }
    let mut r = Reader(body);
    if r.take(8)? != MAGIC || r.u32()? != FORMAT {
        return None;
    }
    let version_len = r.u32()? as usize;
    if r.take(version_len)? != VERSION.as_bytes() {
        return None;
    }
    if u128::from_le_bytes(r.take(16)?.try_into().ok()?) != key
        || u64::from_le_bytes(r.take(8)?.try_into().ok()?) != text.len() as u64
    {
        return None;
    }
    let (nodes, children, strings, roots) = (
        r.u32()? as usize,
        r.u32()? as usize,
        r.u32()? as usize,
        r.u32()? as usize,
    );
    let (depth, aliases) = (r.u32()?, r.u32()?);
    let node_bytes = r.take(nodes.checked_mul(18)?)?;
    let mut tree = Tree {
        nodes: Vec::with_capacity(nodes),
        children: Vec::with_capacity(children),
        strings: String::new(),
        roots: Vec::with_capacity(roots),
        depth,
        aliases,
    };
    let ids = r.take(children.checked_add(roots)?.checked_mul(4)?)?;
    let mut ids = ids
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
    tree.children.extend(ids.by_ref().take(children));
    tree.roots.extend(ids);
    tree.strings = std::str::from_utf8(r.take(strings)?).ok()?.to_string();
    if !r.0.is_empty() {
        return None;
    }
    let fits = |start: u32, len: u32, within: usize| {
        (start as usize)
            .checked_add(len as usize)
            .is_some_and(|end| end <= within)
    };
    for raw in node_bytes.chunks_exact(18) {
        let word = |i: usize| u32::from_le_bytes([raw[i], raw[i + 1], raw[i + 2], raw[i + 3]]);
        let node = Node {
            kind: match raw[0] {
                0 => Kind::Plain,
                1 => Kind::Text,
                2 => Kind::Seq,
                3 => Kind::Map,
                _ => return None,
            },
            flags: raw[1],
            offset: word(2),
            len: word(6),
            a: word(10),
            b: word(14),
        };
        let sound = fits(node.offset, node.len, text.len())
            && match node.kind {
                Kind::Seq | Kind::Map => fits(node.a, node.b, children),
                _ if node.flags & IN_FILE != 0 => {
                    fits(node.a, node.b, text.len())
                        && text.is_char_boundary(node.a as usize)
                        && text.is_char_boundary((node.a + node.b) as usize)
                }
                _ => {
                    fits(node.a, node.b, strings)
                        && tree.strings.is_char_boundary(node.a as usize)
                        && tree.strings.is_char_boundary((node.a + node.b) as usize)
                }
            };
        if !sound {
            return None;
        }
        tree.nodes.push(node);
    }
    if tree
        .children
        .iter()
        .chain(&tree.roots)
        .any(|&c| c as usize >= nodes)
    {
        return None;
    }
    Some(tree)
}

#[cfg(test)]
mod tests {
    use super::super::{tree, Limits};
    use super::*;

    const TEXT: &str =
        "actors:\n  - {id: a, name: \"A\\tB\", aliases: &x [p, q]}\n  - {id: b, aliases: *x}\n";

    fn built() -> Tree {
        tree::build(TEXT, &Limits::default()).0.unwrap()
    }

    #[test]
    fn a_stored_tree_is_found_again_only_for_the_same_text() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path());
        assert_eq!(cache.get(TEXT), None);
        cache.put(TEXT, &built());
        assert_eq!(cache.get(TEXT), Some(built()));
        assert_eq!(cache.get(&TEXT.replace('a', "b")), None);
        assert_eq!(Cache::off().get(TEXT), None);
    }

    #[test]
    fn a_tree_round_trips() {
        let tree = built();
        let key = content_key(TEXT);
        assert_eq!(decode(&encode(&tree, key, TEXT), key, TEXT), Some(tree));
    }

    #[test]
    fn an_entry_for_other_text_or_damaged_bytes_is_refused() {
        let tree = built();
        let key = content_key(TEXT);
        let bytes = encode(&tree, key, TEXT);
        let other = TEXT.replace("id: b", "id: c");
        assert_eq!(other.len(), TEXT.len());
        assert_eq!(
            decode(&bytes, content_key(&other), &other),
            None,
            "other text"
        );
        for at in [0, 9, 20, bytes.len() / 2, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x20;
            assert_eq!(decode(&damaged, key, TEXT), None, "byte {at}");
        }
        assert_eq!(decode(&bytes[..bytes.len() - 3], key, TEXT), None);
        let older = encode_as(&tree, key, TEXT, "0.0.1-older");
        assert_eq!(decode(&older, key, TEXT), None, "another version's entry");
        assert_eq!(decode(&[], key, TEXT), None);
    }
}
