# Sayembara — the two commands a newcomer needs:
#   make run    build and serve http://127.0.0.1:3000 on the embedded SQLite database
#   make test   run every test (unit, black-box on SQLite and PostgreSQL, browser)
# Both install what they need first (scripts/setup-tools.sh) and are quick the second time.

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
SERVER_BIN := $(TARGET_DIR)/release/sayembara-server

.PHONY: run test build tools test-tools bench check fmt clean

tools:
	@scripts/setup-tools.sh build

test-tools:
	@scripts/setup-tools.sh test

## Release build: server binary plus the islands bundle, fingerprinted and precompressed.
build: tools
	cargo leptos build --release --precompress

run: build
	LEPTOS_SITE_ROOT=target/site $(SERVER_BIN)

test: test-tools
	@scripts/test.sh

## Budgets: cold start, first-load weight, request latency (figures go in the issue notes).
bench: build
	@scripts/bench.sh

check: tools
	cargo fmt --all -- --check
	cargo clippy --workspace --exclude sayembara-frontend --all-targets -- -D warnings
	cargo clippy -p sayembara-frontend --target wasm32-unknown-unknown -- -D warnings

fmt:
	cargo fmt --all

clean:
	rm -rf target/site data/*.db data/*.db-wal data/*.db-shm
