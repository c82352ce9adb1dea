import Foundation

/// Placements bucketed on a 0.1° grid so that candidate building only looks near each home,
/// never at every (person, placement) pair of a 20,000-person region, and the shortfall
/// explanations settle every placement outside it as beyond the travel limit without measuring.
public struct PlacementGrid: Sendable {
    private var cells: [Int64: [Int]] = [:]
    private var sessionsByPlacement: [[Int]]
    /// Each placement's `GeoPoint.cosLatitude`, measured once for every home near it.
    public let cosLatitude: [Double]

    public init(region: Region) {
        cosLatitude = region.problem.placements.map(\.location.cosLatitude)
        sessionsByPlacement = Array(repeating: [], count: region.problem.placements.count)
        for (s, ref) in region.sessions.enumerated() where ref.placement >= 0 { sessionsByPlacement[ref.placement].append(s) }
        for (pi, pl) in region.problem.placements.enumerated() { cells[Self.key(pl.location), default: []].append(pi) }
    }

    private static func cell(_ v: Double) -> Int64 { Int64((v * 10).rounded(.down)) }
    private static func key(_ g: GeoPoint) -> Int64 { cell(g.lat) * 100_000 + cell(g.lon) }

    /// Every placement that may lie within `km` of `home` (a superset; callers check the distance).
    ///
    /// The window of cells is counted before it is walked: a limit so wide that it spans more
    /// cells than hold placements (a region-wide or absurd travel limit) scans the occupied cells
    /// instead, so the work never grows with the limit and no cell index can overflow.
    public func placements(near home: GeoPoint, withinKm km: Double) -> [Int] {
        // 0.1° of latitude is about 11.1 km; a degree of longitude shrinks with cos(latitude).
        // Half the Earth's circumference bounds every distance, so larger limits change nothing.
        let reach = min(max(km, 0), 20_100)
        let dLat = Int64((reach / 11.1).rounded(.up)) + 1
        let dLon = Int64((reach / (11.1 * max(0.2, cos(home.lat * Double.pi / 180)))).rounded(.up)) + 1
        if (2 * dLat + 1) * (2 * dLon + 1) >= Int64(cells.count) {
            return cells.values.flatMap { $0 }.sorted()
        }
        let la = Self.cell(home.lat), lo = Self.cell(home.lon)
        var out: [Int] = []
        for a in (la - dLat)...(la + dLat) {
            for b in (lo - dLon)...(lo + dLon) {
                if let c = cells[a * 100_000 + b] { out.append(contentsOf: c) }
            }
        }
        return out.sorted()
    }

    public func sessionsOf(placement pl: Int) -> [Int] { sessionsByPlacement[pl] }
}
