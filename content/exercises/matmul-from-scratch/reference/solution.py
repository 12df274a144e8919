def matmul(A, B):
    """Return the matrix product A·B of two lists of lists."""
    n, k = len(A), len(A[0])
    if len(B) != k:
        raise ValueError(f"cannot multiply a {n}x{k} matrix by a {len(B)}x{len(B[0])} matrix")
    m = len(B[0])
    return [[sum(A[i][t] * B[t][j] for t in range(k)) for j in range(m)] for i in range(n)]
