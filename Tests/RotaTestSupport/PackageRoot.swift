import Foundation

/// Where the package's files are, for tests that read the bundled fixtures or start the built
/// binary: the nearest folder above this file that holds `Package.swift`.
public enum PackageRoot {
    public static let url: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("package root not found")
    }()

    /// A file under `Fixtures/`.
    public static func fixture(_ relative: String) -> URL {
        url.appendingPathComponent("Fixtures").appendingPathComponent(relative)
    }
}
