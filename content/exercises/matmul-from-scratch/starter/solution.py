def matmul(A, B):
    """Return the matrix product A·B of two lists of lists."""
    n, m = len(A), len(B[0])
    result = [[0.0] * m for _ in range(n)]
    # TODO: check that the shapes fit, then fill in result[i][j]
    return result
