/// The records gongqin keeps. They name units, trades and people by their names and
/// identity numbers, never by database row ids: the store resolves those.

/// A unit (用人单位) with its supervising department (主管部门) and district.
public struct Unit: Hashable, Sendable, Codable {
    public var name: String
    public var department: String?
    public var district: String?

    public init(name: String, department: String? = nil, district: String? = nil) {
        self.name = name
        self.department = department
        self.district = district
    }
}

/// A trade (工种) of the catalogue, with its flags (RULES §10).
public struct Trade: Hashable, Sendable, Codable {
    public var name: String
    public var category: String?
    /// The highest grade open in the trade. A trade a user adds is open up to 高级工
    /// unless they say otherwise (RULES §10).
    public var maxGrade: Grade
    /// 汽车驾驶与管理: materials D.
    public var driver: Bool
    /// 收银审核: materials C.
    public var cashier: Bool
    /// Needs an operating licence (持证上岗): materials L.
    public var licensed: Bool
    /// Seeded from RULES §10.
    public var builtin: Bool

    public init(name: String, category: String? = nil, maxGrade: Grade = .senior,
                driver: Bool = false, cashier: Bool = false, licensed: Bool = false, builtin: Bool = false) {
        self.name = name
        self.category = category
        self.maxGrade = maxGrade
        self.driver = driver
        self.cashier = cashier
        self.licensed = licensed
        self.builtin = builtin
    }
}

/// A worker of a 工勤技能岗位.
public struct Person: Hashable, Sendable, Codable {
    public var idNumber: IDNumber
    /// The name, folded (`PersonName.fold`) however it is given: here is where a name
    /// enters gongqin, typed, imported or read back.
    public var name: String {
        didSet { name = PersonName.fold(name) }
    }
    public var unit: String
    /// The trade of the post held now (RULES §1).
    public var trade: String
    /// The civilian work start (参加工作时间).
    public var workStart: Day
    /// The end of probation (试用期满), for 初级工 (RULES N1).
    public var probationEnd: Day?
    /// Military service, for veterans (退役安置人员, RULES V0–V4).
    public var enlisted: Day?
    public var discharged: Day?
    public var placed: Day?
    /// The province a staff member transferred in from (外省调入, RULES V0, V6).
    public var fromProvince: String?

    public init(idNumber: IDNumber, name: String, unit: String, trade: String, workStart: Day,
                probationEnd: Day? = nil, enlisted: Day? = nil, discharged: Day? = nil, placed: Day? = nil,
                fromProvince: String? = nil) {
        self.idNumber = idNumber
        self.name = PersonName.fold(name)
        self.unit = unit
        self.trade = trade
        self.workStart = workStart
        self.probationEnd = probationEnd
        self.enlisted = enlisted
        self.discharged = discharged
        self.placed = placed
        self.fromProvince = fromProvince
    }

    /// A placed veteran (退役安置人员).
    public var isVeteran: Bool { placed != nil }

    /// The start that every work-year threshold counts from: the earlier of the work start
    /// and the enlistment, because 军龄 counts as 工龄 (须知·一(五)3, RULES §1).
    public var seniorityStart: Day {
        if let enlisted, enlisted < workStart { return enlisted }
        return workStart
    }
}

/// A skill-grade certificate (技术等级岗位证书).
public struct Certificate: Hashable, Sendable, Codable {
    public var trade: String
    public var grade: Grade
    public var issued: Day
    public var number: String?
    /// The module it was obtained through.
    public var route: Module
    /// The province that issued it; 江苏 by default (RULES V0).
    public var province: String
    /// 发证机关: the office that issued it, as printed on the certificate.
    public var authority: String?

    public static let homeProvince = "江苏"
    public static let homeProvinceInFull = "江苏省"

    public init(trade: String, grade: Grade, issued: Day, number: String? = nil,
                route: Module = .normal, province: String = Certificate.homeProvince, authority: String? = nil) {
        self.trade = trade
        self.grade = grade
        self.issued = issued
        self.number = number
        self.route = route
        self.province = province
        self.authority = authority
    }

    public var isJiangsu: Bool { province == Certificate.homeProvince || province == Certificate.homeProvinceInFull }

    /// V6: what makes two certificates of a person one record: the trade, the grade and
    /// where it was issued, 江苏 however it is spelt. An out-of-province certificate and
    /// its Jiangsu review certificate of the same trade and grade are two records
    /// (Schema/0008, the index certificate_identity, holds the same).
    public var identity: Identity { Identity(trade: trade, grade: grade, province: isJiangsu ? Certificate.homeProvince : province) }

    public struct Identity: Hashable, Sendable {
        public var trade: String
        public var grade: Grade
        public var province: String
    }
}

/// A job transfer (转岗) from one trade to another.
public struct Transfer: Hashable, Sendable, Codable {
    public var from: String
    public var to: String
    public var date: Day

    public init(from: String, to: String, date: Day) {
        self.from = from
        self.to = to
        self.date = date
    }
}

/// One year's annual assessment (年度考核).
public struct AnnualAssessment: Hashable, Sendable, Codable {
    public var year: Int
    public var result: AssessmentResult

    public init(year: Int, result: AssessmentResult) {
        self.year = year
        self.result = result
    }
}

/// An education record (学历).
public struct Education: Hashable, Sendable, Codable {
    public var level: EducationLevel
    public var graduated: Day
    public var major: String?
    public var school: String?
    /// Relevant to the person's trade (本工种相关专业).
    public var relevant: Bool

    public init(level: EducationLevel, graduated: Day, major: String? = nil, school: String? = nil, relevant: Bool = false) {
        self.level = level
        self.graduated = graduated
        self.major = major
        self.school = school
        self.relevant = relevant
    }
}

/// An award (奖励), civil or military.
public struct Award: Hashable, Sendable, Codable {
    public var name: String
    public var date: Day
    public var issuer: String?

    public init(name: String, date: Day, issuer: String? = nil) {
        self.name = name
        self.date = date
        self.issuer = issuer
    }

    /// 二等功, 一等功 or higher (RULES X2 merit-award).
    public var isMeritSecondClassOrHigher: Bool {
        ["二等功", "一等功", "特等功"].contains { name.containsWord($0) }
    }

    /// 优秀士兵, 优秀士官, 四有优秀士兵 or 三等功: a year of service rated excellent for a
    /// veteran's review (须知·一(五)4, RULES X2 excellent-two-years).
    public var isMilitaryExcellence: Bool {
        ["优秀士兵", "优秀士官", "三等功"].contains { name.containsWord($0) }
    }
}

/// A continuing-education certificate (继续教育证书): `training` on the command line and in
/// the code. Its table keeps the name `continuing_education`, which every change-log entry,
/// import batch and bundle since the first schema names (GongQinStore's `RecordKinds.training`).
public struct Training: Hashable, Sendable, Codable {
    public var name: String
    public var date: Day
    public var hours: Int?
    public var issuer: String?

    public init(name: String, date: Day, hours: Int? = nil, issuer: String? = nil) {
        self.name = name
        self.date = date
        self.hours = hours
        self.issuer = issuer
    }
}

/// One post held (工作经历), for the 工作简历 of the approval form (RULES F1, 须知·五·3).
public struct Job: Hashable, Sendable, Codable {
    public var from: Day
    /// The last month of the post; nil for the post held now, whose line is open-ended.
    public var to: Day?
    /// The employer's full name, as the form writes it: 常州市某某管理处.
    public var unit: String
    /// The post: 驾驶员, 工作人员.
    public var post: String

    public init(from: Day, to: Day? = nil, unit: String, post: String) {
        self.from = from
        self.to = to
        self.unit = unit
        self.post = post
    }

    /// Whether the two posts share a day; an open-ended post runs on for ever.
    public func overlaps(_ other: Job) -> Bool {
        let farFuture = Day(year: 9999, month: 12, day: 31)!
        return from <= (other.to ?? farFuture) && other.from <= (to ?? farFuture)
    }
}
