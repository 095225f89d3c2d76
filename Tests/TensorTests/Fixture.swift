import Tensor
import TestSupport

/// The NumPy answers written by `scripts/reference/tensor_fixtures.py`.
let numpy = try! JSONFixture(named: "tensor/numpy.json")

/// Normal draws as NumPy's `np.random.seed(seed); np.random.normal(size=shape)` makes them.
func normals(seed: UInt32, _ shape: [Int]) -> Tensor {
    var random = RandomState(seed: seed)
    return random.normal(shape: shape)
}
