# Mindreel: the quick start is `make run` and `make test` (see README.md).
.PHONY: run test build bench format lint

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

build:
	swift build

# Benchmarks run a release build; figures go to test-artifacts/bench/ (see Benchmarks/).
bench:
	@bash scripts/install-deps.sh test
	swift build -c release
	python3 Benchmarks/upload_bench.py --binary .build/release/mindreel
	python3 Benchmarks/media_bench.py --binary .build/release/mindreel
	python3 Benchmarks/classify_bench.py --binary .build/release/mindreel
	python3 Benchmarks/http_bench.py --binary .build/release/mindreel --databases sqlite,postgres

format:
	swift format --in-place --recursive Sources Tests Package.swift

lint:
	swift format lint --strict --recursive Sources Tests Package.swift
