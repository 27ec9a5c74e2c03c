// Package textfmt is how checks write values and read what a course
// expects, for every kind of check and for the console: a SQLite value as
// SQLite writes it (Value), numbers that are equal however they are written
// (IsNumber, CanonNumber), the "..." wildcard of an expected value
// (WildMatch), and the small words of messages (Plural, Shorten, Indent).
package textfmt
