# Mindreel: the quick start is `make run` and `make test` (see README.md).
.PHONY: run test build bench format lint

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

build:
	swift build

bench:
	@echo "no benchmarks yet (issue 3 adds the first)"

format:
	swift format --in-place --recursive Sources Tests Package.swift

lint:
	swift format lint --strict --recursive Sources Tests Package.swift
