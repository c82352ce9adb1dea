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
        let rad = Double.pi / 180
        let p1 = lat * rad, p2 = o.lat * rad
        let dp = (o.lat - lat) * rad, dl = (o.lon - lon) * rad
        let a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * GeoPoint.earthRadiusKm * asin(min(1, sqrt(a)))
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
