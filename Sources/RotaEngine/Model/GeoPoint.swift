import Foundation

/// A point on the Earth's surface in decimal degrees.
public struct GeoPoint: Hashable, Sendable {
    public var lat: Double
    public var lon: Double
    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }

    public static let earthRadiusKm = 6371.0

    /// Great-circle distance by the haversine formula, Earth radius 6371.0 km, as PROBLEM.md fixes it
    /// (so two implementations agree to the last digit that matters for the 25 km travel limit).
    public func distanceKm(to o: GeoPoint) -> Double {
        GeoPoint.haversineKm(self, cosLatitude, o, o.cosLatitude)
    }

    /// cos(latitude), the factor of `distanceKm` that belongs to one point alone.
    public var cosLatitude: Double { cos(lat * (Double.pi / 180)) }

    /// `distanceKm` with each point's `cosLatitude` already worked out: the candidate build
    /// measures every nearby (home, placement) pair and reuses both. Bit for bit the same result.
    @inlinable
    public static func haversineKm(_ a: GeoPoint, _ cosA: Double, _ b: GeoPoint, _ cosB: Double) -> Double {
        let rad = Double.pi / 180
        let halfDLat = sin((b.lat - a.lat) * rad / 2), halfDLon = sin((b.lon - a.lon) * rad / 2)
        let h = halfDLat * halfDLat + cosA * cosB * halfDLon * halfDLon
        return 2 * GeoPoint.earthRadiusKm * asin(min(1, sqrt(h)))
    }
}

/// A victim exclusion zone: the person must not be sent within `radiusKm` of `centre`.
public struct ExclusionZone: Hashable, Sendable {
    public var centre: GeoPoint
    public var radiusKm: Double
    public init(centre: GeoPoint, radiusKm: Double) {
        self.centre = centre
        self.radiusKm = radiusKm
    }
}
