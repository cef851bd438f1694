using System.Runtime.CompilerServices;

namespace Parity.Arena;

/// <summary>Cholesky factor of a small dense symmetric positive-definite matrix (row-major), and solves with it.</summary>
internal sealed class DenseCholesky
{
    private readonly double[] _l;

    private DenseCholesky(int n, double[] l)
    {
        Size = n;
        _l = l;
    }

    public int Size { get; }

    /// <summary>Factors <paramref name="a"/> (n×n, row-major; only the lower triangle is read). Null when it is not positive definite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DenseCholesky? TryFactor(double[] a, int n)
    {
        var l = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            var rowI = l.AsSpan(i * n, n);
            for (var j = 0; j <= i; j++)
            {
                var rowJ = l.AsSpan(j * n, j);
                var sum = a[i * n + j] - Dot(rowI[..j], rowJ);
                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        return null;
                    }

                    rowI[i] = Math.Sqrt(sum);
                }
                else
                {
                    rowI[j] = sum / l[j * n + j];
                }
            }
        }

        return new DenseCholesky(n, l);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var sum = System.Numerics.Vector<double>.Zero;
        var width = System.Numerics.Vector<double>.Count;
        var i = 0;
        for (; i + width <= x.Length; i += width)
        {
            sum += new System.Numerics.Vector<double>(x[i..]) * new System.Numerics.Vector<double>(y[i..]);
        }

        var total = System.Numerics.Vector.Sum(sum);
        for (; i < x.Length; i++)
        {
            total += x[i] * y[i];
        }

        return total;
    }

    /// <summary>Solves A x = b in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Solve(Span<double> b)
    {
        var n = Size;
        for (var i = 0; i < n; i++)
        {
            b[i] = (b[i] - Dot(_l.AsSpan(i * n, i), b[..i])) / _l[i * n + i];
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var sum = b[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= _l[k * n + i] * b[k];
            }

            b[i] = sum / _l[i * n + i];
        }
    }

    /// <summary>The inverse of A (n×n, row-major).</summary>
    public double[] Inverse()
    {
        var n = Size;
        var inverse = new double[n * n];
        var column = new double[n];
        for (var j = 0; j < n; j++)
        {
            Array.Clear(column);
            column[j] = 1;
            Solve(column);
            for (var i = 0; i < n; i++)
            {
                inverse[i * n + j] = column[i];
            }
        }

        return inverse;
    }
}
