/// The spreadsheet layout of a problem document: which file holds which records, which column
/// holds which field. The exporter and the importer both read this one table, so a column added
/// here is written and read back alike. `docs/CSV.md` describes it for people.
struct SheetColumn: Sendable {
    enum Role: Sendable {
        /// A field of the record at this JSON path (`["risk", "rosh"]`).
        case field([String])
        /// The id of the record this row belongs to (a person's availability names the person).
        case parent
        /// The whole row is one string of a list (an interest, a skill).
        case element
        /// Whether the child file's list is given at all (`Availability listed`): the difference
        /// between "any time" (no list) and "never" (an empty list).
        case presence(childFile: String)
    }
    var header: String
    var kind: CellKind
    var role: Role
    var required = false

    init(_ header: String, _ kind: CellKind, _ role: Role, required: Bool = false) {
        (self.header, self.kind, self.role, self.required) = (header, kind, role, required)
    }
    static func field(_ header: String, _ kind: CellKind, _ path: String..., required: Bool = false) -> SheetColumn {
        SheetColumn(header, kind, .field(path), required: required)
    }
}

/// One CSV file of the layout.
struct SheetFile: Sendable {
    /// `people.csv`.
    var name: String
    /// The document's top-level list (`people`), or nil for a file of rows nested in a parent.
    var topLevel: String?
    /// The parent file and the JSON key of the list in the parent record.
    var parent: (file: String, key: [String])?
    /// A person, a placement: what an error calls a row's record.
    var noun: String
    var columns: [SheetColumn]

    var parentColumn: SheetColumn? { columns.first { if case .parent = $0.role { return true }; return false } }
}

enum SheetLayout {
    /// Columns of a dated or weekly interval (TIMETABLE.md): a row gives a Date, or a Weekday
    /// with optional From and Until.
    static let timetable: [SheetColumn] = [
        .field("Date", .date, "day"), .field("Weekday", .weekday, "weekday"),
        .field("Start", .time, "start", required: true), .field("End", .time, "end", required: true),
        .field("From", .date, "from"), .field("Until", .date, "until"),
    ]

    static func personTimes(_ name: String, key: [String], noun: String) -> SheetFile {
        SheetFile(name: name, topLevel: nil, parent: ("people.csv", key), noun: noun,
                  columns: [SheetColumn("Person ID", .text, .parent, required: true)] + timetable)
    }

    /// Every file, parents before their children.
    static let files: [SheetFile] = [
        SheetFile(name: "people.csv", topLevel: "people", parent: nil, noun: "person", columns: [
            .field("ID", .text, "id", required: true), .field("Name", .text, "name"), .field("Sex", .upperCode, "sex", required: true),
            .field("Women only", .yesNo, "womenOnly"), .field("Language", .text, "language"),
            .field("Needs interpreter", .yesNo, "needsInterpreter"),
            .field("Home latitude", .number, "home", "lat", required: true), .field("Home longitude", .number, "home", "lon", required: true),
            .field("Max travel km", .number, "maxTravelKm"),
            SheetColumn("Availability listed", .yesNo, .presence(childFile: "availability.csv")),
            SheetColumn("Has dependants", .yesNo, .presence(childFile: "childcare-windows.csv")),
            .field("RoSH", .code, "risk", "rosh"), .field("MAPPA level", .integer, "risk", "mappaLevel"),
            .field("Child risk", .yesNo, "risk", "childRisk"), .field("Vulnerable adult risk", .yesNo, "risk", "vulnerableAdultRisk"),
            .field("Supervision notes", .yesNo, "supervisionNotes"),
            .field("Isolation tag", .text, "isolationTag"), .field("Current placement", .text, "currentPlacementId"),
            .field("Hours ordered", .number, "upw", "hoursOrdered"), .field("Hours completed", .number, "upw", "hoursCompleted"),
            .field("Deadline", .date, "upw", "deadline"),
            .field("Min weekly hours", .number, "upw", "minWeeklyHours"), .field("Max weekly hours", .number, "upw", "maxWeeklyHours"),
            .field("Programme", .text, "programme", "programmeId"), .field("Programme status", .code, "programme", "status"),
            .field("Programme group", .text, "programme", "groupId"),
        ]),
        personTimes("availability.csv", key: ["availability"], noun: "availability"),
        personTimes("unavailable.csv", key: ["unavailable"], noun: "commitment"),
        personTimes("childcare-windows.csv", key: ["childcare", "windows"], noun: "childcare window"),
        SheetFile(name: "exclusion-zones.csv", topLevel: nil, parent: ("people.csv", ["exclusionZones"]), noun: "exclusion zone", columns: [
            SheetColumn("Person ID", .text, .parent, required: true), .field("Latitude", .number, "lat", required: true),
            .field("Longitude", .number, "lon", required: true), .field("Radius km", .number, "radiusKm", required: true),
        ]),
        SheetFile(name: "non-associations.csv", topLevel: nil, parent: ("people.csv", ["nonAssociation"]), noun: "non-association", columns: [
            SheetColumn("Person ID", .text, .parent, required: true), SheetColumn("Other person ID", .text, .element, required: true),
        ]),
        SheetFile(name: "interests.csv", topLevel: nil, parent: ("people.csv", ["interests"]), noun: "interest", columns: [
            SheetColumn("Person ID", .text, .parent, required: true), SheetColumn("Interest", .text, .element, required: true),
        ]),
        SheetFile(name: "placements.csv", topLevel: "placements", parent: nil, noun: "placement", columns: [
            .field("ID", .text, "id", required: true), .field("Name", .text, "name"), .field("Provider", .text, "provider"),
            .field("Kind", .code, "kind", required: true),
            .field("Latitude", .number, "location", "lat", required: true), .field("Longitude", .number, "location", "lon", required: true),
            .field("Women only", .yesNo, "womenOnly"), .field("Max RoSH", .code, "maxRosh"),
            .field("Children present", .yesNo, "childrenPresent"), .field("Vulnerable adults present", .yesNo, "vulnerableAdultsPresent"),
            .field("MAPPA approved", .yesNo, "mappaApproved"), .field("Childcare on site", .yesNo, "childcareOnSite"),
            .field("Staff languages", .codes, "staffLanguages"),
        ]),
        SheetFile(name: "sessions.csv", topLevel: nil, parent: ("placements.csv", ["sessions"]), noun: "session", columns: [
            SheetColumn("Placement ID", .text, .parent, required: true), .field("Session ID", .text, "id", required: true),
        ] + timetable + [
            .field("Hours", .number, "hours", required: true), .field("Capacity", .integer, "capacity", required: true),
            .field("Except", .dates, "except"),
        ]),
        SheetFile(name: "skills.csv", topLevel: nil, parent: ("placements.csv", ["skills"]), noun: "skill", columns: [
            SheetColumn("Placement ID", .text, .parent, required: true), SheetColumn("Skill", .text, .element, required: true),
        ]),
        SheetFile(name: "programmes.csv", topLevel: "programmes", parent: nil, noun: "programme", columns: [
            .field("ID", .text, "id", required: true), .field("Name", .text, "name"), .field("Max RoSH", .code, "maxRosh"),
        ]),
        SheetFile(name: "groups.csv", topLevel: nil, parent: ("programmes.csv", ["groups"]), noun: "group", columns: [
            SheetColumn("Programme ID", .text, .parent, required: true), .field("Group ID", .text, "id", required: true),
            .field("Latitude", .number, "location", "lat", required: true), .field("Longitude", .number, "location", "lon", required: true),
            .field("Capacity", .integer, "capacity", required: true), .field("Women only", .yesNo, "womenOnly"),
            .field("Accepting new", .yesNo, "acceptingNew"), .field("Interpreter supported", .yesNo, "interpreterSupported"),
            .field("Staff languages", .codes, "staffLanguages"),
        ]),
        SheetFile(name: "group-sessions.csv", topLevel: nil, parent: ("groups.csv", ["sessions"]), noun: "group session", columns: [
            SheetColumn("Group ID", .text, .parent, required: true), .field("Session ID", .text, "id", required: true),
        ] + timetable + [.field("Except", .dates, "except")]),
        SheetFile(name: "interpreters.csv", topLevel: "interpreters", parent: nil, noun: "interpreter", columns: [
            .field("ID", .text, "id", required: true), .field("Languages", .codes, "languages"),
        ]),
        SheetFile(name: "interpreter-availability.csv", topLevel: nil, parent: ("interpreters.csv", ["availability"]),
                  noun: "interpreter availability",
                  columns: [SheetColumn("Interpreter ID", .text, .parent, required: true)] + timetable),
    ]

    static let byName: [String: SheetFile] = Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0) })

    /// The children of a file, in layout order.
    static func children(of file: String) -> [SheetFile] { files.filter { $0.parent?.file == file } }

    /// `settings.csv`: the week and the policy, one setting per row.
    static let settingsFile = "settings.csv"
    static let settings: [(name: String, path: [String], kind: CellKind)] = [
        ("Week starting", ["weekStart"], .date),
        ("Max travel km", ["policy", "maxTravelKm"], .number),
        ("Min weekly hours", ["policy", "minWeeklyHours"], .number),
        ("Max weekly hours", ["policy", "maxWeeklyHours"], .number),
        ("Cost per hour short", ["policy", "weights", "hoursShortfall"], .number),
        ("Cost per starter unplaced", ["policy", "weights", "starterUnplaced"], .number),
        ("Cost per interpreter booking", ["policy", "weights", "interpreterBooking"], .number),
        ("Cost per km travelled", ["policy", "weights", "travelKm"], .number),
        ("Cost per session away from current placement", ["policy", "weights", "continuity"], .number),
        ("Cost per isolated person", ["policy", "weights", "isolation"], .number),
        ("Cost per session outside interests", ["policy", "weights", "interestMismatch"], .number),
    ]

    /// A header or a setting as a key: case, spaces and punctuation do not matter, so `RoSH`,
    /// `rosh` and `Max travel (km)` match `RoSH` and `Max travel km`.
    static func key(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
    }
}
