//! Step-by-step output.

use std::cell::Cell;
use std::fmt::Display;

/// Numbers and prints the steps of an example.
#[derive(Debug, Default)]
pub struct Steps {
    next: Cell<u32>,
}

impl Steps {
    /// Starts at step 1.
    pub fn new() -> Self {
        Steps::default()
    }

    /// Prints the next step's title: `[n] title`.
    pub fn step(&self, title: impl Display) {
        let n = self.next.get() + 1;
        self.next.set(n);
        println!("\n[{n}] {title}");
    }

    /// Prints a detail of the current step: `    name: value`.
    pub fn show(&self, name: &str, value: impl Display) {
        println!("    {name}: {value}");
    }

    /// How many steps were printed.
    pub fn count(&self) -> u32 {
        self.next.get()
    }
}

/// The state in a `statusDetails`, or `-` when the object has none.
pub fn state_of<S: Display>(details: Option<&amazon_pay::types::StatusDetails<S>>) -> String {
    details.map_or_else(|| "-".to_owned(), |d| d.state.to_string())
}
