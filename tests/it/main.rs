//! backcare's integration tests: one binary (it links once), a module per topic.

mod batch;
mod calendar;
mod cli;
mod fhir;
mod figures;
mod floor;
mod hardening;
mod hostile;
mod journal;
mod journal_store;
mod layers;
mod malformed;
mod mutation;
mod order;
mod progression;
mod properties;
mod reading;
mod safety;
mod scenarios;
mod signals;
mod snapshots;
mod support;
mod terminal;
