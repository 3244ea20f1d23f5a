// BLAS and LAPACK from OpenBLAS (Debian: libopenblas-dev). OpenBLAS exports the CBLAS interface and
// the Fortran LAPACK symbols; the Fortran prototypes we call are declared here so that no header
// beyond cblas.h is needed.
#include <cblas.h>

void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda, double *s,
             double *u, const int *ldu, double *vt, const int *ldvt, double *work, const int *lwork,
             int *iwork, int *info);
void dgeqp3_(const int *m, const int *n, double *a, const int *lda, int *jpvt, double *tau,
             double *work, const int *lwork, int *info);
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv, double *b,
            const int *ldb, int *info);
void dgelsd_(const int *m, const int *n, const int *nrhs, double *a, const int *lda, double *b,
             const int *ldb, double *s, const double *rcond, int *rank, double *work,
             const int *lwork, int *iwork, int *info);
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau, double *work,
             const int *lwork, int *info);
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
/// OpenBLAS: the name of the CPU kernel set in use (e.g. "Haswell", "SkylakeX").
char *openblas_get_corename(void);
void dormqr_(const char *side, const char *trans, const int *m, const int *n, const int *k, const double *a,
             const int *lda, const double *tau, double *c, const int *ldc, double *work, const int *lwork,
             int *info);
void dpstrf_(const char *uplo, const int *n, double *a, const int *lda, int *piv, int *rank, const double *tol,
             double *work, int *info);
/// Recursive (BLAS-3) QR of an m × n panel, m ≥ n, returning the n × n triangular factor T of its block
/// reflector I − V·T·Vᵀ (LAPACK ≥ 3.4).
void dgeqrt3_(const int *m, const int *n, double *a, const int *lda, double *t, const int *ldt, int *info);
/// C ← H·C, Hᵀ·C, C·H or C·Hᵀ for a block reflector H = I − V·T·Vᵀ (one BLAS-3 application).
void dlarfb_(const char *side, const char *trans, const char *direct, const char *storev, const int *m,
             const int *n, const int *k, const double *v, const int *ldv, const double *t, const int *ldt,
             double *c, const int *ldc, double *work, const int *ldwork);
