import Tensor

/// The small fixed data sets of the UDL notebooks of chapter 5, with samples as rows.
///
/// Notebooks 5.1, 5.2 and 5.3 share the 20 inputs `x_train` and differ in their targets: real values
/// (least squares, 5.1), labels 0/1 (binary cross-entropy, 5.2) and classes 0, 1, 2 (multiclass
/// cross-entropy, 5.3). The values are the notebooks' literal arrays. (The data sets of notebooks 6.2
/// and 6.3 live with their models in the Optim library.)
public struct NotebookData: Sendable {
    /// The inputs, shape `[20, 1]`.
    public let inputs: Tensor
    /// The targets, shape `[20, 1]`: real values, 0/1 labels or class indices stored as doubles.
    public let targets: Tensor

    private init(targets: [Double]) {
        inputs = Tensor(shape: [20, 1], scalars: NotebookData.chapter5Inputs)
        self.targets = Tensor(shape: [20, 1], scalars: targets)
    }

    /// The notebooks' `x_train`, shared by 5.1, 5.2 and 5.3.
    private static let chapter5Inputs: [Double] = [
        0.09291784, 0.46809093, 0.93089486, 0.67612654, 0.73441752, 0.86847339, 0.49873225, 0.51083168,
        0.18343972, 0.99380898, 0.27840809, 0.38028817, 0.12055708, 0.56715537, 0.92005746, 0.77072270,
        0.85278176, 0.05315950, 0.87168699, 0.58858043,
    ]

    /// Notebook 5.1 (least squares loss): `x_train` and its real-valued `y_train`.
    public static let leastSquares = NotebookData(targets: [
        -0.25934537, 0.18195445, 0.65127015, 0.13921448, 0.09366691, 0.30567674, 0.37229117, 0.20716968,
        -0.08131792, 0.51187806, 0.16943738, 0.3994327, 0.01906257, 0.5582041, 0.45256496, -0.1183121,
        0.02957665, -1.24354444, 0.24803884, 0.2682497,
    ])

    /// Notebook 5.2 (binary cross-entropy loss): `x_train` and its labels `y_train` ∈ {0, 1}.
    public static let binaryClassification = NotebookData(targets: [
        0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1,
    ])

    /// Notebook 5.3 (multiclass cross-entropy loss): `x_train` and its classes `y_train` ∈ {0, 1, 2}.
    public static let multiclassClassification = NotebookData(targets: [
        2, 0, 1, 2, 1, 0, 0, 2, 2, 0, 2, 0, 2, 0, 1, 2, 1, 2, 1, 0,
    ])
}
