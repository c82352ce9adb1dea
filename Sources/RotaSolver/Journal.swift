/// Undo log for compound moves: every mutation of a move is recorded, and a rejected move is
/// rolled back by replaying the inverses in reverse order.
struct Journal {
    enum Step {
        case added(person: Int32, candidate: Int32)
        case removed(person: Int32, candidate: Int32, interpreter: Int32)
        case allocated(person: Int32, choice: Int32)
        case deallocated(person: Int32, choice: Int32)
        /// A booking handed from one interpreter to another.
        case rebooked(key: Int32, from: Int32, to: Int32)
    }
    var steps: [Step] = []
    mutating func clear() { steps.removeAll(keepingCapacity: true) }
}

extension SearchState {
    mutating func add(_ p: Int, candidate c: Int, journal j: inout Journal) {
        add(p, candidate: c)
        j.steps.append(.added(person: Int32(p), candidate: Int32(c)))
    }

    mutating func remove(_ p: Int, candidate c: Int, journal j: inout Journal) {
        let i = bookedInterpreter(for: p, at: Int(m.candSession[c]))
        remove(p, candidate: c)
        j.steps.append(.removed(person: Int32(p), candidate: Int32(c), interpreter: Int32(i)))
    }

    mutating func allocate(_ p: Int, groupChoice k: Int, journal j: inout Journal) {
        allocate(p, groupChoice: k)
        j.steps.append(.allocated(person: Int32(p), choice: Int32(k)))
    }

    mutating func deallocate(_ p: Int, journal j: inout Journal) {
        let k = m.groupCandidates[p].firstIndex(of: groupOf[p])!
        deallocate(p)
        j.steps.append(.deallocated(person: Int32(p), choice: Int32(k)))
    }

    mutating func moveBooking(_ key: Int, to i: Int, journal j: inout Journal) {
        let from = bookedInterpreter[key]
        moveBooking(key, to: i)
        j.steps.append(.rebooked(key: Int32(key), from: from, to: Int32(i)))
    }

    /// Applies recorded steps again, oldest first (after a rollback, to the same state).
    mutating func replay(_ steps: [Journal.Step]) {
        for step in steps {
            switch step {
            case .added(let p, let c): add(Int(p), candidate: Int(c))
            case .removed(let p, let c, _): remove(Int(p), candidate: Int(c))
            case .allocated(let p, let k): allocate(Int(p), groupChoice: Int(k))
            case .deallocated(let p, _): deallocate(Int(p))
            case .rebooked(let k, _, let to): moveBooking(Int(k), to: Int(to))
            }
        }
    }

    /// Reverts every step of the journal, newest first, and clears it.
    mutating func rollback(_ j: inout Journal) {
        for step in j.steps.reversed() {
            switch step {
            case .added(let p, let c): remove(Int(p), candidate: Int(c))
            case .removed(let p, let c, let i): add(Int(p), candidate: Int(c), preferring: Int(i))
            case .allocated(let p, _): deallocate(Int(p))
            case .deallocated(let p, let k): allocate(Int(p), groupChoice: Int(k))
            case .rebooked(let k, let from, _): moveBooking(Int(k), to: Int(from))
            }
        }
        j.clear()
    }
}
