//! Closed vocabularies of the record (`kind`, `stance`, `strength`, …).
//!
//! Each is a plain Rust enum that knows its YAML spelling, so the loader can
//! validate a string with a "did you mean" and every output writes the same word
//! the analyst typed. One macro defines them all so the spellings live in one place.

/// A closed vocabulary: what the loader needs to validate a word of it.
pub trait Keyword: Copy {
    fn parse(text: &str) -> Option<Self>;
    fn spellings() -> Vec<&'static str>;
    /// This value's spelling.
    fn spelling(self) -> &'static str;
}

/// Defines a keyword enum with its spellings: `as_str`, `ALL`, `parse`, `Display`
/// and `Serialize` as the spelling.
macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used in the YAML record and in every output.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Reads the YAML spelling; `None` for anything else.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The spellings, for "expected one of" messages.
            pub fn spellings() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }

        impl Keyword for $name {
            fn parse(text: &str) -> Option<Self> {
                $name::parse(text)
            }
            fn spellings() -> Vec<&'static str> {
                $name::spellings()
            }
            fn spelling(self) -> &'static str {
                self.as_str()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse(text).ok_or_else(|| {
                    format!("`{}` is not one of: {}", text, Self::spellings().join(", "))
                })
            }
        }
    };
}

keyword_enum!(
    /// What sort of party an actor is.
    ActorKind {
        State => "state",
        Bloc => "bloc",
        Organisation => "organisation",
        Person => "person",
        Group => "group",
        Analyst => "analyst",
    }
);

keyword_enum!(
    /// The area an issue belongs to.
    Category {
        Territory => "territory",
        Security => "security",
        Sanctions => "sanctions",
        Economy => "economy",
        Governance => "governance",
        Process => "process",
        Humanitarian => "humanitarian",
        Other => "other",
    }
);

keyword_enum!(
    /// An actor's stance on an issue's proposition.
    Stance {
        Support => "support",
        Oppose => "oppose",
        Conditional => "conditional",
        Ambiguous => "ambiguous",
    }
);

keyword_enum!(
    /// One way on an issue's proposition: what a demand asks for, where a concession moves.
    Direction {
        Support => "support",
        Oppose => "oppose",
    }
);

keyword_enum!(
    /// How hard a position is held. Declared strongest first, so `Ord` ranks by weakness.
    Strength {
        RedLine => "red-line",
        Firm => "firm",
        Flexible => "flexible",
        Floated => "floated",
    }
);

keyword_enum!(
    /// How much a demand matters to the one who makes it. Strongest first.
    Priority {
        RedLine => "red-line",
        Core => "core",
        Secondary => "secondary",
    }
);

keyword_enum!(
    /// Where a demand stands.
    DemandStatus {
        Open => "open",
        Met => "met",
        Dropped => "dropped",
        Rejected => "rejected",
    }
);

keyword_enum!(
    /// Where a concession stands.
    ConcessionStatus {
        Floated => "floated",
        Offered => "offered",
        Made => "made",
        Withdrawn => "withdrawn",
        Rejected => "rejected",
    }
);

keyword_enum!(
    /// How a sub-issue's proposition relates to its parent's: `opposite` when
    /// supporting the sub-issue means opposing the parent ("Crimea stays under
    /// Russian control" under "Ukraine regains the territory Russia occupies").
    Polarity {
        Same => "same",
        Opposite => "opposite",
    }
);

keyword_enum!(
    /// What sort of event.
    EventKind {
        Talks => "talks",
        Call => "call",
        Meeting => "meeting",
        Statement => "statement",
        Summit => "summit",
    }
);

keyword_enum!(
    /// How sure the record is of a claim, from its source. Declared weakest first,
    /// so `>=` means "at least as sure as".
    Confidence {
        Low => "low",
        Medium => "medium",
        High => "high",
    }
);

impl Stance {
    /// The direction this stance points, if it points one way at all.
    /// A conditional stance leans towards support: it is support on conditions.
    pub fn direction(self) -> Option<Direction> {
        match self {
            Stance::Support | Stance::Conditional => Some(Direction::Support),
            Stance::Oppose => Some(Direction::Oppose),
            Stance::Ambiguous => None,
        }
    }
}

impl Polarity {
    /// The polarity of a chain of two links (opposite of opposite is same).
    pub fn then(self, next: Polarity) -> Polarity {
        if self == next {
            Polarity::Same
        } else {
            Polarity::Opposite
        }
    }

    /// A direction on the sub-issue, read on the issue this polarity relates it to.
    pub fn apply(self, direction: Direction) -> Direction {
        match self {
            Polarity::Same => direction,
            Polarity::Opposite => direction.opposite(),
        }
    }
}

impl Direction {
    pub fn opposite(self) -> Direction {
        match self {
            Direction::Support => Direction::Oppose,
            Direction::Oppose => Direction::Support,
        }
    }

    pub fn as_stance(self) -> Stance {
        match self {
            Direction::Support => Stance::Support,
            Direction::Oppose => Stance::Oppose,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for s in Strength::ALL {
            assert_eq!(Strength::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Strength::parse("redline"), None);
        assert!("x"
            .parse::<Stance>()
            .unwrap_err()
            .contains("support, oppose"));
    }

    #[test]
    fn strength_orders_red_line_first() {
        assert!(Strength::RedLine < Strength::Floated);
        assert!(Confidence::High > Confidence::Low);
    }

    #[test]
    fn conditional_leans_support() {
        assert_eq!(Stance::Conditional.direction(), Some(Direction::Support));
        assert_eq!(Stance::Ambiguous.direction(), None);
    }
}
