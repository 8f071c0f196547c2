package vanban

// The states a document, a file, a report and a task can be in. Each is a
// type with named constants, declared here once; the values are what the
// JSON outputs and the store hold, and Label gives the Vietnamese words
// that the web pages, the CLI and the Excel workbooks all show.

// ReadStatus tells whether a file, or a document as a whole, could be
// read.
type ReadStatus string

const (
	ReadOK     ReadStatus = "ok"
	ReadFailed ReadStatus = "failed"
)

// DocStatus is a document's standing in the archive.
type DocStatus string

const (
	DocIngested   DocStatus = "ingested"   // read and current
	DocFailed     DocStatus = "failed"     // no file of it could be read
	DocSuperseded DocStatus = "superseded" // a draft an issued document replaced
)

// Label names the status in Vietnamese.
func (s DocStatus) Label() string {
	switch s {
	case DocIngested:
		return "đã nhập"
	case DocFailed:
		return "không đọc được"
	case DocSuperseded:
		return "đã được thay thế"
	}
	return string(s)
}

// FileStatus is what became of a file handed to vanban (an upload, a file
// dropped into the watched folder).
type FileStatus string

const (
	FilePending   FileStatus = "pending"   // not read yet
	FileIngested  FileStatus = "ingested"  // stored as a document
	FileDuplicate FileStatus = "duplicate" // the same content was stored before
	FileFailed    FileStatus = "failed"    // could not be read; the reason says why
)

// Label names the status in Vietnamese.
func (s FileStatus) Label() string {
	switch s {
	case FilePending:
		return "đang xử lý"
	case FileIngested:
		return "đã nhập"
	case FileDuplicate:
		return "đã có trong kho"
	case FileFailed:
		return "lỗi"
	}
	return string(s)
}

// ReportStatus tells whether a unit's report came by the plan's report
// date.
type ReportStatus string

const (
	ReportOnTime  ReportStatus = "on_time"
	ReportLate    ReportStatus = "late"
	ReportMissing ReportStatus = "missing"
)

// Label names the status in Vietnamese.
func (s ReportStatus) Label() string {
	switch s {
	case ReportOnTime:
		return "đúng hạn"
	case ReportLate:
		return "trễ hạn"
	case ReportMissing:
		return "chưa báo cáo"
	}
	return string(s)
}

// TaskStatus is what a unit's report says of a task.
type TaskStatus string

const (
	TaskDone        TaskStatus = "done"
	TaskInProgress  TaskStatus = "in_progress"
	TaskNotStarted  TaskStatus = "not_started"
	TaskNotReported TaskStatus = "not_reported"
	// TaskUnclear: the unit reported on the task, but what it wrote does
	// not say how far it got.
	TaskUnclear TaskStatus = "reported_unclear"
)

// TaskStatuses lists the statuses from the least advanced to the most.
var TaskStatuses = []TaskStatus{TaskNotReported, TaskUnclear, TaskNotStarted, TaskInProgress, TaskDone}

// Label names the status in Vietnamese.
func (s TaskStatus) Label() string {
	switch s {
	case TaskDone:
		return "hoàn thành"
	case TaskInProgress:
		return "đang thực hiện"
	case TaskNotStarted:
		return "chưa thực hiện"
	case TaskNotReported:
		return "chưa báo cáo"
	case TaskUnclear:
		return "đã báo cáo, chưa rõ tiến độ"
	}
	return string(s)
}

// Rank orders statuses from the least advanced (0) to the most.
func (s TaskStatus) Rank() int {
	for i, t := range TaskStatuses {
		if t == s {
			return i
		}
	}
	return 0
}

// TaskState is the task-tracking category a secretariat sorts tasks
// into: the status together with the deadline. Its value is its
// Vietnamese name.
type TaskState string

const (
	DoneOnTime       TaskState = "hoàn thành đúng hạn"
	DoneLate         TaskState = "hoàn thành quá hạn"
	InProgressOnTime TaskState = "đang thực hiện trong hạn"
	InProgressLate   TaskState = "đang thực hiện quá hạn"
	NotStartedState  TaskState = "chưa thực hiện"
	UnclearState     TaskState = "đã báo cáo, chưa rõ tiến độ"
	NotReportedState TaskState = "chưa báo cáo"
)

// TaskStates lists the categories in the order reports and sheets show
// them.
var TaskStates = []TaskState{DoneOnTime, DoneLate, InProgressOnTime, InProgressLate, NotStartedState, UnclearState, NotReportedState}

// Label names the state in Vietnamese: its value.
func (s TaskState) Label() string { return string(s) }
