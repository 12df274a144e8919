def matmul(A, B):
    # Correct products, but silently truncates when the shapes do not fit.
    n, m = len(A), len(B[0])
    k = min(len(A[0]), len(B))
    return [[sum(A[i][t] * B[t][j] for t in range(k)) for j in range(m)] for i in range(n)]
