#:project ../../src/Smoothie.Embeddings.MiniLM/Smoothie.Embeddings.MiniLM.csproj
// Usage: dotnet run tools/embedding-subspace/subspace.cs -- MODEL_FOLDER/subvocabulary.json   (docs/results.md §13.4)
#:property TreatWarningsAsErrors=false
// Issue 28 item 3, helper's hypothesis 1: Tiny's prediction is W h + b with h 128-d, decoded against 384-d MiniLM embeddings.
// How well can the best 128-d (PCA) affine subspace of the target sub-vocabulary's embeddings tell the tokens apart?
using System.Text.Json;
var emb = Smoothie.Embeddings.MiniLM.MiniLmEmbeddings.Load();
int[] ids = File.ReadAllText(args[0]).Trim().Trim('[', ']').Split(',').Select(int.Parse).ToArray();
int n = ids.Length, d = emb.Dimension;
var X = new double[n, d];
for (int i = 0; i < n; i++) { var r = emb.Row(ids[i]); for (int k = 0; k < d; k++) X[i, k] = r[k]; }
var mean = new double[d];
for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) mean[k] += X[i, k] / n;
for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) X[i, k] -= mean[k];
var C = new double[d, d];
for (int i = 0; i < n; i++) for (int a = 0; a < d; a++) { double xa = X[i, a]; if (xa == 0) continue; for (int b = a; b < d; b++) C[a, b] += xa * X[i, b]; }
for (int a = 0; a < d; a++) for (int b = 0; b < a; b++) C[a, b] = C[b, a];
// Jacobi eigen-decomposition
var V = new double[d, d]; for (int a = 0; a < d; a++) V[a, a] = 1;
for (int sweep = 0; sweep < 12; sweep++)
{
  double off = 0; for (int p = 0; p < d; p++) for (int q = p + 1; q < d; q++) off += C[p, q] * C[p, q];
  if (off < 1e-18) break;
  for (int p = 0; p < d; p++) for (int q = p + 1; q < d; q++)
  {
    if (Math.Abs(C[p, q]) < 1e-14) continue;
    double theta = (C[q, q] - C[p, p]) / (2 * C[p, q]);
    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1)); if (theta == 0) t = 1;
    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
    for (int k = 0; k < d; k++) { double ckp = C[k, p], ckq = C[k, q]; C[k, p] = c * ckp - s * ckq; C[k, q] = s * ckp + c * ckq; }
    for (int k = 0; k < d; k++) { double cpk = C[p, k], cqk = C[q, k]; C[p, k] = c * cpk - s * cqk; C[q, k] = s * cpk + c * cqk; }
    for (int k = 0; k < d; k++) { double vkp = V[k, p], vkq = V[k, q]; V[k, p] = c * vkp - s * vkq; V[k, q] = s * vkp + c * vkq; }
  }
}
var order = Enumerable.Range(0, d).OrderByDescending(k => C[k, k]).ToArray();
double total = order.Sum(k => C[k, k]);
foreach (int m in new[] { 64, 128, 192, 256 })
{
  double kept = order.Take(m).Sum(k => C[k, k]) / total;
  // project every token onto the top-m components (plus the mean), decode a sample by the nearest full embedding
  var rng = new Random(1); int samples = 1000, correct = 0;
  var hubs = new Dictionary<int, int>();
  for (int s = 0; s < samples; s++)
  {
    int i = rng.Next(n);
    var y = new double[d];
    foreach (int k in order.Take(m)) { double dot = 0; for (int a = 0; a < d; a++) dot += X[i, a] * V[a, k]; for (int a = 0; a < d; a++) y[a] += dot * V[a, k]; }
    int best = -1; double bd = double.MaxValue;
    for (int j = 0; j < n; j++) { double dist = 0; for (int a = 0; a < d; a++) { double e = X[j, a] - y[a]; dist += e * e; } if (dist < bd) { bd = dist; best = j; } }
    if (best == i) correct++; else hubs[best] = hubs.GetValueOrDefault(best) + 1;
  }
  var top = string.Join(", ", hubs.OrderByDescending(h => h.Value).Take(5).Select(h => $"{emb.Tokens[ids[h.Key]]}×{h.Value}"));
  Console.WriteLine($"rank {m}: {100 * kept:0.0} % of the variance; nearest-embedding decode of the projected embedding {100.0 * correct / samples:0.0} % right; wrong decodes most often: {top}");
}
