# The two commands: `make run` and `make test`. Everything else is a helper.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
DATA_DIR ?= kanto-data
JOBS ?= $(shell nproc)

.PHONY: run test deps build clean shell slt unit sanitize

deps:
	@scripts/install-deps

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

LISTEN ?= 127.0.0.1:5432

# Serves ./kanto-data over the PostgreSQL protocol: then `psql -h 127.0.0.1 -U kanto`.
run: build
	$(BUILD_DIR)/kanto serve --data $(DATA_DIR) --listen $(LISTEN)

shell: build
	$(BUILD_DIR)/kanto shell $(DATA_DIR)

unit: build
	$(BUILD_DIR)/kanto_unit_tests --gtest_brief=1

slt: build
	$(BUILD_DIR)/kanto_slt test/sql

test: build
	scripts/run-tests $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)

# ASan + UBSan build of everything, then the unit and SQL suites (not part of `make test`, to keep
# CI fast; run it before changing memory-sensitive code).
sanitize: deps
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKANTO_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	build-asan/kanto_unit_tests --gtest_brief=1
	build-asan/kanto_slt test/sql
