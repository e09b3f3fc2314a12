//! Reading one field: a required value, a slug id, a keyword, a date, and the
//! ids every section assigns before anything is resolved.
//!
//! Each turns a located raw value into a model value or a diagnostic at the
//! value (or at the entry, for a missing one), and never stops the run.

use super::*;

impl Validator<'_> {
    /// Records each entry's id; a second entry with the same id is a `duplicate-id`.
    pub(super) fn assign_ids<'a, T>(
        &mut self,
        section: &str,
        entries: &[Entry<'a, T>],
        id: impl Fn(&T) -> &Option<Text>,
    ) -> Order<'a, T> {
        let mut order: Order<'a, T> = BTreeMap::new();
        for &(file, entry) in entries {
            let Some(text) = id(&entry.value) else {
                continue;
            };
            let key = text.value.trim().to_string();
            if let Some(&(first_file, first)) = order.get(&key) {
                let first_loc = id(&first.value)
                    .as_ref()
                    .map(|t| self.loc(first_file, &t.at));
                let mut d = Diagnostic::new(
                    Code::DuplicateId,
                    Some(self.loc(file, &text.at)),
                    format!("{section} id `{key}` is defined twice"),
                )
                .label("second definition")
                .hint(format!(
                    "give each {section} its own id, or merge the two entries"
                ));
                if let Some(first_loc) = first_loc {
                    d = d.related(first_loc, "first defined here");
                }
                self.report(d);
            } else {
                order.insert(key, (file, entry));
            }
        }
        order
    }

    /// Converts the kept entry of each id (in id order); duplicates are checked too.
    pub(super) fn convert_all<'a, T, M>(
        &mut self,
        entries: &[Entry<'a, T>],
        order: &Order<'a, T>,
        mut convert: impl FnMut(&mut Self, usize, &Spanned<T>) -> Option<M>,
    ) -> Vec<M> {
        let mut kept = Vec::with_capacity(order.len());
        for &(file, entry) in order.values() {
            if let Some(m) = convert(self, file, entry) {
                kept.push(m);
            }
        }
        // Entries without an id, or repeating one, are checked too but not kept.
        let kept_entries: HashSet<*const Spanned<T>> =
            order.values().map(|&(_, e)| e as *const _).collect();
        for &(file, entry) in entries {
            if !kept_entries.contains(&(entry as *const _)) {
                let _ = convert(self, file, entry);
            }
        }
        kept
    }

    // ---- field helpers -------------------------------------------------------

    /// A required text field: absent or blank is `missing-field` at the entry; a
    /// YAML null is `missing-field` at the null, saying to quote it.
    pub(super) fn required<'t>(
        &mut self,
        file: usize,
        entry: &At,
        section: &str,
        field: &'static str,
        value: &'t Option<Text>,
    ) -> Option<&'t Text> {
        match value {
            Some(text) if !text.value.trim().is_empty() => Some(text),
            _ if self.spoiled(file, entry, field) => None,
            None if self.null_at(file, entry, field).is_some() => {
                let at = self.null_at(file, entry, field).unwrap_or(*entry);
                let location = self.loc(file, &at);
                self.report(
                    Diagnostic::new(
                        Code::MissingField,
                        Some(location),
                        format!("`{field}` of this {section} is null: quote it"),
                    )
                    .label("null")
                    .hint(format!(
                        "YAML reads an empty value, `~` and `null` as null: give the {field}, or quote it (`{field}: \"null\"`) if the word is meant"
                    )),
                );
                None
            }
            _ => {
                let at = value.as_ref().map_or(*entry, |t| t.at);
                let hint = format!("add `{field}:` to this {section} (see docs/record-format.md)");
                self.missing_field(file, &at, section, field, hint);
                None
            }
        }
    }

    /// `missing-field` at `at`: this `section` has no `field`; `hint` says what to give.
    pub(super) fn missing_field(
        &mut self,
        file: usize,
        at: &At,
        section: &str,
        field: &str,
        hint: String,
    ) {
        let location = self.loc(file, at);
        self.report(
            Diagnostic::new(
                Code::MissingField,
                Some(location),
                format!("this {section} has no `{field}`"),
            )
            .label(format!("`{field}` missing"))
            .hint(hint),
        );
    }

    pub(super) fn null_at(&self, file: usize, entry: &At, field: &'static str) -> Option<At> {
        self.marks
            .get(&file)
            .and_then(|m| m.nulls.get(&(entry.offset, field)).copied())
    }

    /// Takes a field as written or boxed (see `RawPosition`).
    pub(super) fn optional_text<T: std::borrow::Borrow<Text>>(value: &Option<T>) -> Option<String> {
        value
            .as_ref()
            .map(|t| t.borrow().value.trim().to_string())
            .filter(|t| !t.is_empty())
    }

    pub(super) fn slug(&mut self, file: usize, text: &Text, what: &str) -> Option<String> {
        let id = text.value.trim();
        let valid = crate::model::is_slug(id);
        if valid {
            return Some(id.to_string());
        }
        let suggestion = slugify(id);
        let location = self.loc(file, &text.at);
        self.report(
            Diagnostic::new(
                Code::BadId,
                Some(location),
                format!("{what} id `{id}` is not a lowercase slug"),
            )
            .label("not a slug")
            .hint(if suggestion.is_empty() {
                "use lowercase letters, digits and `-`".to_string()
            } else {
                format!("use lowercase letters, digits and `-`, e.g. `{suggestion}`")
            }),
        );
        None
    }

    pub(super) fn keyword<K: Keyword>(
        &mut self,
        file: usize,
        text: &Text,
        field: &str,
    ) -> Option<K> {
        let spellings = K::spellings();
        let word = text.value.trim();
        if let Some(k) = K::parse(word) {
            return Some(k);
        }
        let location = self.loc(file, &text.at);
        let hint = did_you_mean(word, spellings.iter().copied())
            .map(|h| format!("{h} ({field} is one of: {})", spellings.join(", ")))
            .unwrap_or_else(|| format!("{field} is one of: {}", spellings.join(", ")));
        self.report(
            Diagnostic::new(
                Code::BadValue,
                Some(location),
                format!("`{word}` is not a valid {field}"),
            )
            .label(format!("unknown {field}"))
            .hint(hint),
        );
        None
    }

    pub(super) fn required_keyword<K: Keyword>(
        &mut self,
        file: usize,
        entry: &At,
        section: &str,
        field: &'static str,
        value: &Option<Text>,
    ) -> Option<K> {
        let text = self.required(file, entry, section, field, value)?;
        self.keyword(file, text, field)
    }

    pub(super) fn date(
        &mut self,
        file: usize,
        entry: &At,
        section: &str,
        value: &Option<Text>,
    ) -> Option<Date> {
        let text = self.required(file, entry, section, "date", value)?;
        match Date::parse(text.value.trim()) {
            Ok(d) => Some(d),
            Err(why) => {
                let location = self.loc(file, &text.at);
                self.report(
                    Diagnostic::new(Code::BadDate, Some(location), why)
                        .label("not a date")
                        .hint("write dates as YYYY-MM-DD, or YYYY-MM or YYYY when the source gives only the month or year"),
                );
                None
            }
        }
    }
}

/// A slug suggestion for a bad id ("United States" → "united-states").
fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_suggests_a_valid_id() {
        assert_eq!(slugify("United States"), "united-states");
        assert_eq!(slugify("  NATO!! "), "nato");
    }
}
