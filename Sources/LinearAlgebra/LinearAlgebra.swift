// Dense linear algebra for nnid: matrices, BLAS products, singular values, numerical and modular ranks.
public enum LinearAlgebraModule {}
