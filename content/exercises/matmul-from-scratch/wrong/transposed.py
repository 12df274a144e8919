def matmul(A, B):
    # Reads B as if it were already transposed: B[j][t] instead of B[t][j].
    n, k = len(A), len(A[0])
    if len(B) != k:
        raise ValueError("shapes do not match")
    m = len(B[0])
    return [[sum(A[i][t] * B[j][t] for t in range(k)) for j in range(m)] for i in range(n)]
