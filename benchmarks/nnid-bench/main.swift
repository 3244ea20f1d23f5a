// PLACEHOLDER: benchmark driver (issue 3). Replace this whole file.
print("nnid-bench: no benchmarks yet")
