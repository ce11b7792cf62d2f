namespace HpoSharp.QuickStart;

/// <summary>A small fully connected network (tanh hidden layers, sigmoid output) trained by SGD or Adam on a logistic loss.</summary>
internal sealed class TinyNet
{
    private readonly double[][,] _weights;
    private readonly double[][] _biases;

    public TinyNet(int hiddenLayers, int width, int seed)
    {
        var random = new Random(seed);
        var sizes = new[] { 2 }.Concat(Enumerable.Repeat(width, hiddenLayers)).Append(1).ToArray();
        _weights = new double[sizes.Length - 1][,];
        _biases = new double[sizes.Length - 1][];
        for (var l = 0; l < _weights.Length; l++)
        {
            _weights[l] = new double[sizes[l + 1], sizes[l]];
            _biases[l] = new double[sizes[l + 1]];
            var scale = Math.Sqrt(1.0 / sizes[l]);
            for (var i = 0; i < sizes[l + 1]; i++)
            {
                for (var j = 0; j < sizes[l]; j++)
                {
                    _weights[l][i, j] = scale * ((2 * random.NextDouble()) - 1);
                }
            }
        }
    }

    public void Train(IReadOnlyList<(double X, double Y, int Label)> data, double learningRate, bool adam, int epochs)
    {
        var parameters = _weights.Select(w => w.Length).Concat(_biases.Select(b => b.Length)).Sum();
        var (m, v) = (new double[parameters], new double[parameters]);
        var step = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var gradient = new double[parameters];
            foreach (var (x, y, label) in data)
            {
                Backpropagate([x, y], label, gradient, 1.0 / data.Count);
            }

            step++;
            var k = 0;
            foreach (ref var p in Parameters())
            {
                var g = gradient[k];
                if (adam)
                {
                    m[k] = (0.9 * m[k]) + (0.1 * g);
                    v[k] = (0.999 * v[k]) + (0.001 * g * g);
                    var mHat = m[k] / (1 - Math.Pow(0.9, step));
                    var vHat = v[k] / (1 - Math.Pow(0.999, step));
                    p -= learningRate * mHat / (Math.Sqrt(vHat) + 1e-8);
                }
                else
                {
                    m[k] = (0.9 * m[k]) + g;
                    p -= learningRate * m[k];
                }

                k++;
            }
        }
    }

    public double Accuracy(IReadOnlyList<(double X, double Y, int Label)> data) =>
        data.Count(p => (Forward([p.X, p.Y])[^1][0] > 0.5 ? 1 : 0) == p.Label) / (double)data.Count;

    private ParameterEnumerable Parameters() => new(this);

    private double[][] Forward(double[] input)
    {
        var activations = new double[_weights.Length + 1][];
        activations[0] = input;
        for (var l = 0; l < _weights.Length; l++)
        {
            var output = new double[_biases[l].Length];
            for (var i = 0; i < output.Length; i++)
            {
                var z = _biases[l][i];
                for (var j = 0; j < activations[l].Length; j++)
                {
                    z += _weights[l][i, j] * activations[l][j];
                }

                output[i] = l == _weights.Length - 1 ? 1 / (1 + Math.Exp(-z)) : Math.Tanh(z);
            }

            activations[l + 1] = output;
        }

        return activations;
    }

    private void Backpropagate(double[] input, int label, double[] gradient, double weight)
    {
        var activations = Forward(input);
        var delta = new[] { activations[^1][0] - label };
        var offsets = new int[_weights.Length];
        for (int l = 1, o = _weights[0].Length; l < _weights.Length; o += _weights[l].Length, l++)
        {
            offsets[l] = o;
        }

        var biasOffset = _weights.Sum(w => w.Length);
        for (var l = _weights.Length - 1; l >= 0; l--)
        {
            var previous = new double[activations[l].Length];
            var bias = biasOffset + _biases.Take(l).Sum(b => b.Length);
            for (var i = 0; i < delta.Length; i++)
            {
                gradient[bias + i] += weight * delta[i];
                for (var j = 0; j < activations[l].Length; j++)
                {
                    gradient[offsets[l] + (i * activations[l].Length) + j] += weight * delta[i] * activations[l][j];
                    previous[j] += _weights[l][i, j] * delta[i];
                }
            }

            delta = [.. previous.Select((d, j) => d * (1 - (activations[l][j] * activations[l][j])))];
        }
    }

    /// <summary>Enumerates every weight, then every bias, by reference.</summary>
    private readonly ref struct ParameterEnumerable(TinyNet net)
    {
        public Enumerator GetEnumerator() => new(net);

        public ref struct Enumerator(TinyNet net)
        {
            private int _layer;
            private int _index = -1;
            private bool _biases;

            public readonly ref double Current => ref _biases
                ? ref net._biases[_layer][_index]
                : ref net._weights[_layer][_index / net._weights[_layer].GetLength(1), _index % net._weights[_layer].GetLength(1)];

            public bool MoveNext()
            {
                _index++;
                var length = _biases ? net._biases[_layer].Length : net._weights[_layer].Length;
                if (_index < length)
                {
                    return true;
                }

                (_index, _layer) = (0, _layer + 1);
                if (_layer == net._weights.Length)
                {
                    if (_biases)
                    {
                        return false;
                    }

                    (_biases, _layer) = (true, 0);
                }

                return true;
            }
        }
    }
}
