<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit record…</source>
        <translation>항목 편집(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit the selected record</source>
        <translation>선택한 항목을 편집합니다</translation>
    </message>
    <message>
        <source>&amp;Delete record…</source>
        <translation>항목 삭제(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete the selected record</source>
        <translation>선택한 항목을 삭제합니다</translation>
    </message>
    <message>
        <source>Add &amp;citation…</source>
        <translation>인용 추가(&amp;C)…</translation>
    </message>
    <message>
        <source>Cite a source for the selected record</source>
        <translation>선택한 항목의 출처를 인용합니다</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>찾기(&amp;F)…</translation>
    </message>
    <message>
        <source>Search every record and source</source>
        <translation>모든 항목과 출처에서 찾습니다</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>데이터베이스 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>New &amp;database…</source>
        <translation>새 데이터베이스(&amp;D)…</translation>
    </message>
    <message>
        <source>Create an empty database and open it</source>
        <translation>빈 데이터베이스를 만들어 엽니다</translation>
    </message>
    <message>
        <source>&amp;New dossier…</source>
        <translation>새 자료철(&amp;N)…</translation>
    </message>
    <message>
        <source>De&amp;lete dossier…</source>
        <translation>자료철 삭제(&amp;L)…</translation>
    </message>
    <message>
        <source>Delete the dossier on screen and everything in it (a backup is made first)</source>
        <translation>화면의 자료철과 그 안의 모든 내용을 삭제합니다(먼저 백업합니다)</translation>
    </message>
    <message>
        <source>&amp;Import dossier file…</source>
        <translation>자료철 파일 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>Export &amp;briefing book…</source>
        <translation>협상 자료집 내보내기(&amp;B)…</translation>
    </message>
    <message>
        <source>Print the dossier as a PDF book</source>
        <translation>자료철을 PDF 협상 자료집으로 만듭니다</translation>
    </message>
    <message>
        <source>E&amp;ditions…</source>
        <translation>발행본(&amp;D)…</translation>
    </message>
    <message>
        <source>The editions printed of this dossier: open, reprint or compare them</source>
        <translation>이 자료철로 발행한 판: 열기, 재발행, 비교</translation>
    </message>
    <message>
        <source>E&amp;xport dossier file…</source>
        <translation>자료철 파일 내보내기(&amp;X)…</translation>
    </message>
    <message>
        <source>Export dossier for an &amp;audience…</source>
        <translation>열람 대상별 자료철 내보내기(&amp;A)…</translation>
    </message>
    <message>
        <source>Write a dossier file holding only what one audience may see</source>
        <translation>한 열람 대상이 볼 수 있는 내용만 담은 자료철 파일을 씁니다</translation>
    </message>
    <message>
        <source>Export &amp;calendar…</source>
        <translation>일정 달력 내보내기(&amp;C)…</translation>
    </message>
    <message>
        <source>Write the events one audience may see as an iCalendar file</source>
        <translation>한 열람 대상이 볼 수 있는 일정을 iCalendar 파일로 씁니다</translation>
    </message>
    <message>
        <source>I&amp;mport calendar…</source>
        <translation>일정 달력 가져오기(&amp;M)…</translation>
    </message>
    <message>
        <source>Add or update events from a calendar (.ics) file</source>
        <translation>일정 달력(.ics) 파일에서 일정을 추가하거나 갱신합니다</translation>
    </message>
    <message>
        <source>Take a copy for tra&amp;vel…</source>
        <translation>출장용 사본 만들기(&amp;V)…</translation>
    </message>
    <message>
        <source>S&amp;ync with the team server…</source>
        <translation>팀 서버와 동기화(&amp;Y)…</translation>
    </message>
    <message>
        <source>Travel &amp;conflicts…</source>
        <translation>출장 중 충돌(&amp;C)…</translation>
    </message>
    <message>
        <source>Travel edits &amp;passed on…</source>
        <translation>넘겨받은 출장 중 수정(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>Show changes made elsewhere</source>
        <translation>다른 곳에서 바뀐 내용을 표시합니다</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>지금 백업(&amp;B)</translation>
    </message>
    <message>
        <source>Copy the database to its backups folder</source>
        <translation>데이터베이스를 백업 폴더에 복사합니다</translation>
    </message>
    <message>
        <source>Restore &amp;backup…</source>
        <translation>백업 복원(&amp;B)…</translation>
    </message>
    <message>
        <source>Bring back an earlier copy</source>
        <translation>이전 사본으로 되돌립니다</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>지금 잠그기(&amp;L)</translation>
    </message>
    <message>
        <source>Hide everything until the passphrase is entered</source>
        <translation>암호문구를 입력할 때까지 모든 내용을 가립니다</translation>
    </message>
    <message>
        <source>Auto-lock after…</source>
        <translation>자동 잠금 시간…</translation>
    </message>
    <message>
        <source>Count days from the &amp;as-of date</source>
        <translation>기준일부터 날짜 세기(&amp;A)</translation>
    </message>
    <message>
        <source>Count D-days, offices and checks from the dossier&apos;s as-of date, not today</source>
        <translation>D-day, 직위, 점검을 오늘이 아니라 자료철의 기준일부터 셉니다</translation>
    </message>
    <message>
        <source>New {kind}…</source>
        <translation>새 {kind}…</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>자료철</translation>
    </message>
    <message>
        <source> Dossier: </source>
        <translation> 자료철: </translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>열람 대상</translation>
    </message>
    <message>
        <source>Show only what an audience at this level may see</source>
        <translation>이 등급의 열람 대상이 볼 수 있는 내용만 표시합니다</translation>
    </message>
    <message>
        <source>All records (staff)</source>
        <translation>전체 항목(실무진)</translation>
    </message>
    <message>
        <source>{level} audience</source>
        <translation>{level} 열람 대상</translation>
    </message>
    <message>
        <source>  Audience: </source>
        <translation>  열람 대상: </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Connect to a &amp;team server…</source>
        <translation>팀 서버에 연결(&amp;T)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>최근 파일 열기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Briefing</source>
        <translation>Briefing 정보(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Briefing will be in {language} the next time it starts.</source>
        <translation>다음에 Briefing을 시작하면 {language}(으)로 표시됩니다.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The database was not opened:
{exc}</source>
        <translation>데이터베이스를 열지 못했습니다.
{exc}</translation>
    </message>
    <message>
        <source>{path} was not opened:
{exc}</source>
        <translation>{path}을(를) 열지 못했습니다.
{exc}</translation>
    </message>
    <message>
        <source>Welcome to Briefing</source>
        <translation>Briefing에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>This is the sample dossier on the 2025 South Korea – United States trade talks, built from five news articles.

Browse with the list on the left, search with Ctrl+K, and open the Checks page to see what a reviewer should look at. File ▸ New dossier starts your own.</source>
        <translation>2025년 한미 통상 협의에 관한 예시 자료철입니다. 뉴스 기사 다섯 건을 바탕으로 만들었습니다.

왼쪽 목록으로 둘러보고, Ctrl+K로 찾고, 검토자가 살펴볼 사항은 점검 화면에서 확인하십시오. 새 자료철은 파일 ▸ 새 자료철에서 만듭니다.</translation>
    </message>
</context>
<context>
    <name>Calendar</name>
    <message>
        <source>Export calendar</source>
        <translation>일정 달력 내보내기</translation>
    </message>
    <message>
        <source>Write the events this audience may see:</source>
        <translation>이 열람 대상이 볼 수 있는 일정을 씁니다:</translation>
    </message>
    <message>
        <source>Calendars (*.ics)</source>
        <translation>일정 달력 (*.ics)</translation>
    </message>
    <message>
        <source>The calendar was not exported</source>
        <translation>일정 달력을 내보내지 못함</translation>
    </message>
    <message>
        <source>Wrote {path}: {count} events for the {name} audience</source>
        <translation>{path} 작성: {name} 열람 대상용 일정 {count}건</translation>
    </message>
    <message>
        <source>; {count} known only to the week or month or approximately left out</source>
        <translation>; 주나 월까지만 또는 대략으로만 알려진 {count}건은 제외</translation>
    </message>
    <message>
        <source>Import calendar</source>
        <translation>일정 달력 가져오기</translation>
    </message>
    <message>
        <source>{path} cannot be read: {reason}</source>
        <translation>{path}을(를) 읽을 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>The calendar was not imported</source>
        <translation>일정 달력을 가져오지 못함</translation>
    </message>
    <message>
        <source>Imported {file}: {added} added, {updated} updated, {unchanged} unchanged</source>
        <translation>{file} 가져옴: {added}건 추가, {updated}건 갱신, {unchanged}건 변경 없음</translation>
    </message>
    <message>
        <source>Time zone of the calendar&apos;s times</source>
        <translation>일정 달력 시각의 시간대</translation>
    </message>
    <message>
        <source>{file} gives times without a time zone. Which clock are they on? Every such time in the file is read on it.</source>
        <translation>{file}에는 시간대 없이 적힌 시각이 있습니다. 어느 곳의 시각입니까? 파일의 그런 시각은 모두 이 시간대로 읽습니다.</translation>
    </message>
    <message>
        <source>{file} was not imported: no time zone chosen for its times</source>
        <translation>{file}을(를) 가져오지 않았습니다: 시각의 시간대를 고르지 않았습니다</translation>
    </message>
</context>
<context>
    <name>Checks</name>
    <message>
        <source>Note</source>
        <translation>참고</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>경고</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
</context>
<context>
    <name>Chips</name>
    <message>
        <source>Joint</source>
        <translation>공동</translation>
    </message>
    <message>
        <source>… and {count} more (filter the table below)</source>
        <translation>… 외 {count}건(아래 표의 필터로 찾아보십시오)</translation>
    </message>
    <message>
        <source>Chips by party and kind</source>
        <translation>당사자·유형별 협상 카드</translation>
    </message>
    <message>
        <source>Sector filter</source>
        <translation>분야 필터</translation>
    </message>
    <message>
        <source>Any sector</source>
        <translation>모든 분야</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>상태 필터</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>Likelihood filter</source>
        <translation>제기 가능성 필터</translation>
    </message>
    <message>
        <source>Any likelihood</source>
        <translation>모든 제기 가능성</translation>
    </message>
    <message>
        <source>Sector:</source>
        <translation>분야:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>상태:</translation>
    </message>
    <message>
        <source>Likelihood:</source>
        <translation>제기 가능성:</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>“{step}” cannot be undone: {reason}, after your change. It has been taken off the undo history; theirs is kept.</source>
        <translation>‘{step}’을(를) 실행 취소할 수 없습니다. 내 변경 이후 {reason}. 실행 취소 기록에서 뺐으며 상대의 변경을 유지합니다.</translation>
    </message>
    <message>
        <source>“{step}” cannot be redone: {reason}, after your change. It has been taken off the undo history; theirs is kept.</source>
        <translation>‘{step}’을(를) 다시 실행할 수 없습니다. 내 변경 이후 {reason}. 실행 취소 기록에서 뺐으며 상대의 변경을 유지합니다.</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>{name} 편집</translation>
    </message>
    <message>
        <source>Add {name}</source>
        <translation>{name} 추가</translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation>{name} 삭제</translation>
    </message>
    <message>
        <source>Add citation</source>
        <translation>인용 추가</translation>
    </message>
    <message>
        <source>Edit citation</source>
        <translation>인용 편집</translation>
    </message>
    <message>
        <source>Delete citation</source>
        <translation>인용 삭제</translation>
    </message>
    <message>
        <source>Delete dossier {title}</source>
        <translation>자료철 {title} 삭제</translation>
    </message>
    <message>
        <source>Count days from today</source>
        <translation>오늘부터 날짜 세기</translation>
    </message>
    <message>
        <source>Count days from the as-of date</source>
        <translation>기준일부터 날짜 세기</translation>
    </message>
    <message>
        <source>Set the home time zone to {zone}</source>
        <translation>본국 시간대를 {zone}(으)로 설정</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>&amp;Reload theirs</source>
        <translation>상대 변경 불러오기(&amp;R)</translation>
    </message>
    <message>
        <source>Show the record as saved now; what you typed here is replaced</source>
        <translation>지금 저장된 항목을 표시합니다. 여기에 입력한 내용은 바뀝니다</translation>
    </message>
    <message>
        <source>{headline} after you had opened it: it cannot be saved.</source>
        <translation>항목을 연 뒤에 {headline}. 저장할 수 없습니다.</translation>
    </message>
    <message>
        <source>{headline} after you had opened it, so this was not saved. Your edit is still here: Reload shows theirs instead, then you can make yours again.</source>
        <translation>항목을 연 뒤에 {headline}. 그래서 저장하지 않았습니다. 입력한 내용은 그대로 있습니다. ‘불러오기’를 누르면 상대의 내용을 표시하며, 그 뒤 다시 수정할 수 있습니다.</translation>
    </message>
    <message>
        <source>The record cannot be read again: {exc}</source>
        <translation>항목을 다시 읽을 수 없습니다: {exc}</translation>
    </message>
</context>
<context>
    <name>Connect</name>
    <message>
        <source>the server asks for a password: type it and connect again</source>
        <translation>서버에서 비밀번호를 요구합니다. 입력한 뒤 다시 연결하십시오</translation>
    </message>
    <message>
        <source>the connection failed ({type})</source>
        <translation>연결하지 못했습니다({type})</translation>
    </message>
    <message>
        <source>Connect to a team server</source>
        <translation>팀 서버에 연결</translation>
    </message>
    <message>
        <source>host or host:port (empty: this machine)</source>
        <translation>호스트 또는 호스트:포트(비우면 이 컴퓨터)</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>서버 주소</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>데이터베이스</translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>서버(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>데이터베이스(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>사용자(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <source>Connection message</source>
        <translation>연결 메시지</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>연결(&amp;C)</translation>
    </message>
    <message>
        <source>name the database on the server (ask your IT department)</source>
        <translation>서버의 데이터베이스 이름을 입력하십시오(전산 담당 부서에 문의)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결하는 중…</translation>
    </message>
    <message>
        <source>Database: {server}</source>
        <translation>데이터베이스: {server}</translation>
    </message>
    <message>
        <source> · clearance {level_name}</source>
        <translation> · 인가 등급 {level_name}</translation>
    </message>
    <message>
        <source>Server: {server} · user {user}{clearance}</source>
        <translation>서버: {server} · 사용자 {user}{clearance}</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>The details are in {log}.</source>
        <translation>자세한 내용은 {log}에 있습니다.</translation>
    </message>
    <message>
        <source>The details could not be written to {log} ({strerror}).</source>
        <translation>자세한 내용을 {log}에 기록하지 못했습니다({strerror}).</translation>
    </message>
    <message>
        <source>Something went wrong in Briefing ({what}): what you just did may not have been done.</source>
        <translation>Briefing에 문제가 생겼습니다({what}). 방금 한 작업이 반영되지 않았을 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>Delegations</name>
    <message>
        <source>— no office on this date —</source>
        <translation>— 이 날짜에 맡은 직위 없음 —</translation>
    </message>
    <message>
        <source>Standing delegations</source>
        <translation>상설 대표단</translation>
    </message>
</context>
<context>
    <name>Details</name>
    <message>
        <source>Record actions</source>
        <translation>항목 작업</translation>
    </message>
    <message>
        <source>Record details</source>
        <translation>항목 세부 정보</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#7f8c8d&apos;&gt;Select a record to see its details and sources.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#7f8c8d&apos;&gt;항목을 선택하면 세부 정보와 출처가 표시됩니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>{when} ({precision} precision{counted})</source>
        <translation>{when}({precision} 단위{counted})</translation>
    </message>
    <message>
        <source> (head)</source>
        <translation>(수석대표)</translation>
    </message>
    <message>
        <source>present</source>
        <translation>현재</translation>
    </message>
    <message>
        <source>Office on {date}</source>
        <translation>{date} 현재 직위</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>경력</translation>
    </message>
    <message>
        <source>Delegations</source>
        <translation>대표단</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>회담 자료</translation>
    </message>
    <message>
        <source>Refer to it in text as</source>
        <translation>본문에서 참조할 때</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;No source cited.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;인용한 출처가 없습니다.&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>edit</source>
        <translation>편집</translation>
    </message>
    <message>
        <source>remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… 외 {count}건</translation>
    </message>
    <message>
        <source>Full text</source>
        <translation>전문</translation>
    </message>
    <message>
        <source>Cited by 1 record</source>
        <translation>1개 항목에서 인용</translation>
    </message>
    <message>
        <source>Cited by {count} records</source>
        <translation>{count}개 항목에서 인용</translation>
    </message>
    <message>
        <source>Also written:</source>
        <translation>다른 표기:</translation>
    </message>
    <message>
        <source>Talking points</source>
        <translation>발언 자료</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>비고</translation>
    </message>
    <message>
        <source>Citations</source>
        <translation>인용</translation>
    </message>
</context>
<context>
    <name>Domain</name>
    <message>
        <source>Party</source>
        <translation>당사자</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>당사자</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>색</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>인물</translation>
    </message>
    <message>
        <source>People</source>
        <translation>인물</translation>
    </message>
    <message>
        <source>Name (romanized)</source>
        <translation>이름(로마자)</translation>
    </message>
    <message>
        <source>Native-script name</source>
        <translation>원어 이름</translation>
    </message>
    <message>
        <source>Native name</source>
        <translation>원어 이름</translation>
    </message>
    <message>
        <source>Short biography</source>
        <translation>약력</translation>
    </message>
    <message>
        <source>Biography</source>
        <translation>약력</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>사진</translation>
    </message>
    <message>
        <source>Other spellings</source>
        <translation>다른 표기</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>기관</translation>
    </message>
    <message>
        <source>Organizations</source>
        <translation>기관</translation>
    </message>
    <message>
        <source>Acronym</source>
        <translation>약어</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>유형</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>직위</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>경력</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>From</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>To</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>일정</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>일정</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>시작일</translation>
    </message>
    <message>
        <source>When</source>
        <translation>일시</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>시작 시각</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>종료일</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>종료 시각</translation>
    </message>
    <message>
        <source>Date known to the</source>
        <translation>날짜 정확도</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>장소</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>시간대</translation>
    </message>
    <message>
        <source>Arrives at</source>
        <translation>도착지</translation>
    </message>
    <message>
        <source>Arrival time zone</source>
        <translation>도착지 시간대</translation>
    </message>
    <message>
        <source>Which start time</source>
        <translation>어느 시작 시각</translation>
    </message>
    <message>
        <source>Which end time</source>
        <translation>어느 종료 시각</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>참석자</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>대표단</translation>
    </message>
    <message>
        <source>Delegations</source>
        <translation>대표단</translation>
    </message>
    <message>
        <source>Members (in order)</source>
        <translation>구성원(서열순)</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>구성원</translation>
    </message>
    <message>
        <source>Meeting brief</source>
        <translation>회담 자료</translation>
    </message>
    <message>
        <source>Meeting briefs</source>
        <translation>회담 자료</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>방문 일정</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>목적</translation>
    </message>
    <message>
        <source>Desired outcome</source>
        <translation>기대 성과</translation>
    </message>
    <message>
        <source>Run of the meeting</source>
        <translation>회담 진행</translation>
    </message>
    <message>
        <source>Our objectives</source>
        <translation>우리 측 목표</translation>
    </message>
    <message>
        <source>Their objectives</source>
        <translation>상대 측 목표</translation>
    </message>
    <message>
        <source>Bargaining chip</source>
        <translation>협상 카드</translation>
    </message>
    <message>
        <source>Bargaining chips</source>
        <translation>협상 카드</translation>
    </message>
    <message>
        <source>Chip</source>
        <translation>협상 카드</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>규모</translation>
    </message>
    <message>
        <source>amount in whole units</source>
        <translation>금액(정수 단위)</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>통화</translation>
    </message>
    <message>
        <source>USD</source>
        <translation>USD</translation>
    </message>
    <message>
        <source>Value note</source>
        <translation>규모 비고</translation>
    </message>
    <message>
        <source>note</source>
        <translation>비고</translation>
    </message>
    <message>
        <source>Priority (1 highest)</source>
        <translation>우선순위(1이 가장 높음)</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>우선순위</translation>
    </message>
    <message>
        <source>Likely to come up</source>
        <translation>제기 가능성</translation>
    </message>
    <message>
        <source>Likelihood</source>
        <translation>제기 가능성</translation>
    </message>
    <message>
        <source>Our target</source>
        <translation>우리 측 목표치</translation>
    </message>
    <message>
        <source>Our minimum (walk-away)</source>
        <translation>우리 측 최저 수용선</translation>
    </message>
    <message>
        <source>Our minimum</source>
        <translation>우리 측 최저 수용선</translation>
    </message>
    <message>
        <source>Their estimated position</source>
        <translation>상대 측 추정 입장</translation>
    </message>
    <message>
        <source>Their position</source>
        <translation>상대 측 입장</translation>
    </message>
    <message>
        <source>Tradeable</source>
        <translation>교환 가능</translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation>분야</translation>
    </message>
    <message>
        <source>Linked events</source>
        <translation>관련 일정</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>출처</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>발행처</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>작성자</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>발행일</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Full text</source>
        <translation>전문</translation>
    </message>
    <message>
        <source>Reliability</source>
        <translation>신뢰도</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>등급</translation>
    </message>
    <message>
        <source>Talking point</source>
        <translation>발언 자료</translation>
    </message>
    <message>
        <source>Talking points</source>
        <translation>발언 자료</translation>
    </message>
    <message>
        <source>About</source>
        <translation>대상</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>기준일</translation>
    </message>
    <message>
        <source>Ministry</source>
        <translation>부처</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>청·기관</translation>
    </message>
    <message>
        <source>Legislature</source>
        <translation>의회</translation>
    </message>
    <message>
        <source>Press</source>
        <translation>언론</translation>
    </message>
    <message>
        <source>Association</source>
        <translation>협회·단체</translation>
    </message>
    <message>
        <source>Government</source>
        <translation>정부</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>기업</translation>
    </message>
    <message>
        <source>International</source>
        <translation>국제기구</translation>
    </message>
    <message>
        <source>Think tank</source>
        <translation>연구기관</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>회담</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>통화</translation>
    </message>
    <message>
        <source>Summit</source>
        <translation>정상회담</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>시한</translation>
    </message>
    <message>
        <source>Election</source>
        <translation>선거</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>발표</translation>
    </message>
    <message>
        <source>Flight</source>
        <translation>항공편</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>이동</translation>
    </message>
    <message>
        <source>Hotel</source>
        <translation>숙소</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>리셉션</translation>
    </message>
    <message>
        <source>Press event</source>
        <translation>언론 일정</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>일</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>주</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>월</translation>
    </message>
    <message>
        <source>Approximate</source>
        <translation>대략</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>예정</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>개최</translation>
    </message>
    <message>
        <source>Postponed</source>
        <translation>연기</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>제안</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>요구</translation>
    </message>
    <message>
        <source>Leverage</source>
        <translation>지렛대</translation>
    </message>
    <message>
        <source>Red line</source>
        <translation>레드라인</translation>
    </message>
    <message>
        <source>Concern</source>
        <translation>우려 사항</translation>
    </message>
    <message>
        <source>Floated</source>
        <translation>타진</translation>
    </message>
    <message>
        <source>On the table</source>
        <translation>협상 중</translation>
    </message>
    <message>
        <source>Off the table</source>
        <translation>협상 제외</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>부인</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>합의</translation>
    </message>
    <message>
        <source>Certain</source>
        <translation>확실</translation>
    </message>
    <message>
        <source>Possible</source>
        <translation>가능</translation>
    </message>
    <message>
        <source>Unlikely</source>
        <translation>희박</translation>
    </message>
    <message>
        <source>Supports</source>
        <translation>뒷받침</translation>
    </message>
    <message>
        <source>Disputes</source>
        <translation>반박</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>언급</translation>
    </message>
    <message>
        <source>Point to make</source>
        <translation>발언 요지</translation>
    </message>
    <message>
        <source>Defensive, if raised</source>
        <translation>방어 논리(상대 제기 시)</translation>
    </message>
    <message>
        <source>Press line</source>
        <translation>언론 대응 문안</translation>
    </message>
    <message>
        <source>A – completely reliable</source>
        <translation>A – 전적으로 신뢰</translation>
    </message>
    <message>
        <source>B – usually reliable</source>
        <translation>B – 대체로 신뢰</translation>
    </message>
    <message>
        <source>C – fairly reliable</source>
        <translation>C – 어느 정도 신뢰</translation>
    </message>
    <message>
        <source>D – not usually reliable</source>
        <translation>D – 대체로 신뢰하기 어려움</translation>
    </message>
    <message>
        <source>E – unreliable</source>
        <translation>E – 신뢰할 수 없음</translation>
    </message>
    <message>
        <source>F – reliability cannot be judged</source>
        <translation>F – 신뢰도 판단 불가</translation>
    </message>
    <message>
        <source>1 – confirmed by other sources</source>
        <translation>1 – 다른 출처로 확인됨</translation>
    </message>
    <message>
        <source>2 – probably true</source>
        <translation>2 – 사실일 가능성 높음</translation>
    </message>
    <message>
        <source>3 – possibly true</source>
        <translation>3 – 사실일 수 있음</translation>
    </message>
    <message>
        <source>4 – doubtful</source>
        <translation>4 – 의심스러움</translation>
    </message>
    <message>
        <source>5 – improbable</source>
        <translation>5 – 사실일 가능성 낮음</translation>
    </message>
    <message>
        <source>6 – truth cannot be judged</source>
        <translation>6 – 진위 판단 불가</translation>
    </message>
    <message>
        <source>disputed</source>
        <translation>이견 있음</translation>
    </message>
    <message>
        <source>Scene-setter and key dates</source>
        <translation>상황 개관과 주요 일정</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>일정표</translation>
    </message>
    <message>
        <source>Open checks (annex)</source>
        <translation>미해결 점검 사항(부록)</translation>
    </message>
    <message>
        <source>Aliases and acronyms</source>
        <translation>별칭 및 약어</translation>
    </message>
    <message>
        <source>Edition</source>
        <translation>판</translation>
    </message>
    <message>
        <source>Printed (UTC)</source>
        <translation>발행 일시(UTC)</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>열람 대상</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>비고</translation>
    </message>
    <message>
        <source>Printed by</source>
        <translation>발행자</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>쪽수</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>보관</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>취급 등급</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>비고</translation>
    </message>
    <message>
        <source>Quoted excerpt</source>
        <translation>인용 발췌문</translation>
    </message>
    <message>
        <source>Where in the source</source>
        <translation>출처 내 위치</translation>
    </message>
    <message>
        <source>Stance</source>
        <translation>입장</translation>
    </message>
    <message>
        <source>Credibility (1 confirmed … 6 cannot judge)</source>
        <translation>신빙성(1 확인됨 … 6 판단 불가)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>필드</translation>
    </message>
    <message>
        <source>The traveller&apos;s</source>
        <translation>출장자 수정</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>현재</translation>
    </message>
    <message>
        <source>Edited in travel by</source>
        <translation>출장 중 수정자</translation>
    </message>
    <message>
        <source>This copy</source>
        <translation>이 사본</translation>
    </message>
    <message>
        <source>The server</source>
        <translation>서버</translation>
    </message>
    <message>
        <source>Changed on the server</source>
        <translation>서버 변경 일시</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>심각도</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>점검 항목</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>점검 결과</translation>
    </message>
    <message>
        <source>Delegation / member</source>
        <translation>대표단 / 구성원</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <source>Title at the event&apos;s date</source>
        <translation>일정 당일 직함</translation>
    </message>
    <message>
        <source>Citations</source>
        <translation>인용</translation>
    </message>
    <message>
        <source>Joint</source>
        <translation>공동</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>남은 날</translation>
    </message>
    <message>
        <source>Time (venue · home)</source>
        <translation>시각 (현지 · 본국)</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Contact on site</source>
        <translation>현지 연락 담당</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>다음 장소</translation>
    </message>
</context>
<context>
    <name>Editing</name>
    <message>
        <source>Edit {name}</source>
        <translation>{name} 편집</translation>
    </message>
    <message>
        <source>New {kind}</source>
        <translation>새 {kind}</translation>
    </message>
    <message>
        <source>Raise the level</source>
        <translation>등급 상향</translation>
    </message>
    <message>
        <source> and {more} more</source>
        <translation> 외 {more}건</translation>
    </message>
    <message>
        <source>Raising this {kind} to {level} also raises: {named}.

A record named after another is never below it. You can undo this with Ctrl+Z.</source>
        <translation>이 {kind}을(를) {level}(으)로 올리면 다음 항목도 함께 올라갑니다: {named}.

다른 항목을 가리키는 항목은 그 항목보다 낮은 등급일 수 없습니다. Ctrl+Z로 되돌릴 수 있습니다.</translation>
    </message>
    <message>
        <source>

This also deletes: {records}.</source>
        <translation>

다음 항목도 함께 삭제됩니다: {records}.</translation>
    </message>
    <message>
        <source>Delete record</source>
        <translation>항목 삭제</translation>
    </message>
    <message>
        <source>Delete “{name}”?{also}

You can undo this with Ctrl+Z.</source>
        <translation>‘{name}’을(를) 삭제하시겠습니까?{also}

Ctrl+Z로 되돌릴 수 있습니다.</translation>
    </message>
    <message>
        <source>Add citation</source>
        <translation>인용 추가</translation>
    </message>
    <message>
        <source>Edit citation</source>
        <translation>인용 편집</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>저장하지 않음</translation>
    </message>
    <message>
        <source>The change was not saved:
{reason}</source>
        <translation>변경 내용을 저장하지 못했습니다.
{reason}</translation>
    </message>
</context>
<context>
    <name>Editions</name>
    <message>
        <source>No editions of this dossier that you may see. File ▸ Export briefing book… prints one.</source>
        <translation>열람할 수 있는 이 자료철의 발행본이 없습니다. 파일 ▸ 협상 자료집 내보내기…로 발행하십시오.</translation>
    </message>
    <message>
        <source>The editions of this dossier you may see, oldest first. Open shows an edition&apos;s pages as they were printed; Reprint writes its PDF again, byte for byte, whatever has changed since; Compare shows what changed between two.</source>
        <translation>열람할 수 있는 이 자료철의 발행본입니다(오래된 순). ‘열기’는 발행 당시의 쪽을 보여 주고, ‘재발행’은 그 뒤 무엇이 바뀌었든 당시 PDF를 한 바이트도 다르지 않게 다시 씁니다. ‘비교’는 두 판 사이에 바뀐 내용을 보여 줍니다.</translation>
    </message>
    <message>
        <source>Select one edition</source>
        <translation>발행본을 하나 선택하십시오</translation>
    </message>
    <message>
        <source>Select two editions (Shift or Ctrl with a click or an arrow key) to compare</source>
        <translation>비교할 발행본 두 개를 선택하십시오(Shift 또는 Ctrl을 누른 채 클릭하거나 화살표 키)</translation>
    </message>
    <message>
        <source>Edition {number} was printed before editions kept their PDF and what their audience saw: there is nothing to open, reprint or compare</source>
        <translation>제{number}판은 발행본의 PDF와 열람 대상이 본 내용을 보관하기 전에 발행되어 열거나 재발행하거나 비교할 내용이 없습니다</translation>
    </message>
    <message>
        <source>no (printed before editions were kept)</source>
        <translation>아니요(발행본 보관 시작 전 발행)</translation>
    </message>
    <message>
        <source>Comparing edition {older} with edition {newer}…</source>
        <translation>제{older}판과 제{newer}판을 비교하는 중…</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>추가</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>변경</translation>
    </message>
    <message>
        <source>yes, {copies} numbered copies</source>
        <translation>예, 번호 사본 {copies}부</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#777&quot;&gt;(none)&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;color:#777&quot;&gt;(없음)&lt;/span&gt;</translation>
    </message>
    <message>
        <source> ({note})</source>
        <translation>({note})</translation>
    </message>
    <message>
        <source>Edition {number}{note}: {audience} audience, printed {printed_at:%Y-%m-%d %H:%M} UTC</source>
        <translation>제{number}판{note}: 열람 대상 {audience}, {printed_at:%Y-%m-%d %H:%M}(UTC) 발행</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Edition {number} → edition {number2}&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;제{number}판 → 제{number2}판&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;The two editions are for different audiences: what only the {audience} audience saw shows as added, what only the {audience2} audience saw as removed.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;두 판의 열람 대상이 다릅니다. {audience} 열람 대상만 본 내용은 추가로, {audience2} 열람 대상만 본 내용은 삭제로 표시합니다.&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Nothing changed between the two editions.&lt;/p&gt;</source>
        <translation>&lt;p&gt;두 판 사이에 바뀐 내용이 없습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Records added: {counts}, removed: {counts2}, changed: {counts3}. Left: edition {number}; right: edition {number2}.&lt;/p&gt;</source>
        <translation>&lt;p&gt;항목 추가 {counts}건, 삭제 {counts2}건, 변경 {counts3}건. 왼쪽: 제{number}판, 오른쪽: 제{number2}판.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Editions</source>
        <translation>발행본</translation>
    </message>
    <message>
        <source>Editions message</source>
        <translation>발행본 메시지</translation>
    </message>
    <message>
        <source>Edition pages</source>
        <translation>발행본 쪽</translation>
    </message>
    <message>
        <source>Open an edition to see its pages here, or select two and Compare them.</source>
        <translation>발행본을 열면 여기에 쪽이 표시됩니다. 두 개를 선택해 비교할 수도 있습니다.</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>비교</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>열기(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reprint…</source>
        <translation>재발행(&amp;R)…</translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation>비교(&amp;M)</translation>
    </message>
    <message>
        <source>The editions cannot be read: {exc}</source>
        <translation>발행본을 읽을 수 없습니다: {exc}</translation>
    </message>
    <message>
        <source>Show the pages of edition {number} as printed</source>
        <translation>제{number}판의 쪽을 발행 당시 모습대로 보여 줍니다</translation>
    </message>
    <message>
        <source>Write the PDF of edition {number} again, byte for byte, to a file</source>
        <translation>제{number}판의 PDF를 한 바이트도 다르지 않게 파일로 다시 씁니다</translation>
    </message>
    <message>
        <source>Show what changed from edition {number} to edition {number2}</source>
        <translation>제{number}판에서 제{number2}판까지 바뀐 내용을 보여 줍니다</translation>
    </message>
    <message>
        <source>Reading edition {number}…</source>
        <translation>제{number}판을 읽는 중…</translation>
    </message>
    <message>
        <source>Edition not opened</source>
        <translation>발행본을 열지 못함</translation>
    </message>
    <message>
        <source>Edition {number}: {exc}</source>
        <translation>제{number}판: {exc}</translation>
    </message>
    <message>
        <source>Edition {number}, {audience} audience: showing…</source>
        <translation>제{number}판, 열람 대상 {audience}: 표시하는 중…</translation>
    </message>
    <message>
        <source>Edition {number}, {audience} audience, as printed: {count} pages.</source>
        <translation>제{number}판, 열람 대상 {audience}, 발행 당시 모습: {count}쪽.</translation>
    </message>
    <message>
        <source>Reprint edition {number}</source>
        <translation>제{number}판 재발행</translation>
    </message>
    <message>
        <source>Which of its {copies} numbered copies?</source>
        <translation>번호 사본 {copies}부 중 어느 것입니까?</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing edition {number} to {path}…</source>
        <translation>제{number}판을 {path}에 쓰는 중…</translation>
    </message>
    <message>
        <source>Edition not reprinted</source>
        <translation>발행본을 재발행하지 못함</translation>
    </message>
    <message>
        <source>Wrote edition {number} as printed ({pages} pages, {audience} audience) to {path}.</source>
        <translation>제{number}판을 발행 당시 모습대로({pages}쪽, 열람 대상 {audience}) {path}에 썼습니다.</translation>
    </message>
    <message>
        <source>Editions not compared</source>
        <translation>발행본을 비교하지 못함</translation>
    </message>
    <message>
        <source>Edition {number} compared with edition {number2}: records that differ: {count}.</source>
        <translation>제{number}판과 제{number2}판 비교: 다른 항목 {count}건.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>The export failed unexpectedly: {exc!r}</source>
        <translation>내보내기가 예기치 않게 실패했습니다: {exc!r}</translation>
    </message>
    <message>
        <source>Export briefing book</source>
        <translation>협상 자료집 내보내기</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>열람 대상</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>용지</translation>
    </message>
    <message>
        <source>US Letter</source>
        <translation>US Letter</translation>
    </message>
    <message>
        <source>Briefing book</source>
        <translation>협상 자료집</translation>
    </message>
    <message>
        <source>Pocket cards, one per meeting</source>
        <translation>휴대용 요약지, 회담마다 한 장</translation>
    </message>
    <message>
        <source>The principal&apos;s pocket cards: A6 from A4 paper, half-Letter from US Letter</source>
        <translation>대표의 휴대용 요약지: A4 용지에서는 A6, US Letter 용지에서는 하프 레터</translation>
    </message>
    <message>
        <source>Book language</source>
        <translation>자료집 언어</translation>
    </message>
    <message>
        <source>The book&apos;s language, whatever the window&apos;s</source>
        <translation>화면 언어와 관계없이 자료집에 쓸 언어</translation>
    </message>
    <message>
        <source>Edition note</source>
        <translation>발행본 비고</translation>
    </message>
    <message>
        <source>e.g. Draft for the 2+2 (optional)</source>
        <translation>예: 2+2 회의용 초안(선택)</translation>
    </message>
    <message>
        <source>Copies for</source>
        <translation>배포 대상</translation>
    </message>
    <message>
        <source>names separated by ; for numbered copies (optional)</source>
        <translation>번호 사본을 받을 사람 이름을 ;로 구분(선택)</translation>
    </message>
    <message>
        <source>One PDF per recipient, each marked &apos;Copy n of m — NAME&apos; on every page (FILE-copy-1.pdf, …); a name cannot contain &apos;;&apos;</source>
        <translation>받는 사람마다 PDF를 한 부씩 만들고 모든 쪽에 ‘Copy n of m — 이름’을 표시합니다(FILE-copy-1.pdf, …). 이름에는 ‘;’를 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Fo&amp;rm:</source>
        <translation>형식(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Audience:</source>
        <translation>열람 대상(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>용지(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <source>Edition &amp;note:</source>
        <translation>발행본 비고(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Copies for:</source>
        <translation>배포 대상(&amp;C):</translation>
    </message>
    <message>
        <source>Sections:</source>
        <translation>구성:</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>파일(&amp;F):</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>내보내기 진행</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>내보내기(&amp;E)</translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation>미리 보기(&amp;V)</translation>
    </message>
    <message>
        <source>A draft: DRAFT on every page, no edition recorded</source>
        <translation>초안: 모든 쪽에 DRAFT를 표시하고 발행본으로 기록하지 않습니다</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>열기(&amp;O)</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>폴더에서 보기(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>인쇄(&amp;P)…</translation>
    </message>
    <message>
        <source>For staff: ticked for the highest level, tick it to ask for it</source>
        <translation>실무진용: 최고 등급에서는 선택되어 있으며, 포함하려면 선택하십시오</translation>
    </message>
    <message>
        <source>Save briefing book</source>
        <translation>협상 자료집 저장</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Choose a file to write the book to.</source>
        <translation>자료집을 저장할 파일을 고르십시오.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>{message}
Any earlier PDF at that path is unchanged.</source>
        <translation>{message}
그 경로에 있던 이전 PDF는 그대로입니다.</translation>
    </message>
    <message>
        <source>Draft (no edition recorded): {pages} pages</source>
        <translation>초안(발행본으로 기록하지 않음): {pages}쪽</translation>
    </message>
    <message>
        <source>Edition {edition} in {count} numbered copies: {pages} pages each, written to {parent} ({value})</source>
        <translation>제{edition}판 번호 사본 {count}부: 각 {pages}쪽, {parent}에 저장({value})</translation>
    </message>
    <message>
        <source>Edition {edition}: {pages} pages written to {path}</source>
        <translation>제{edition}판: {pages}쪽을 {path}에 저장</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>Open database</source>
        <translation>데이터베이스 열기</translation>
    </message>
    <message>
        <source>Briefing databases (*.sqlite3 *.db);;All files (*)</source>
        <translation>Briefing 데이터베이스 (*.sqlite3 *.db);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>새 데이터베이스</translation>
    </message>
    <message>
        <source>Briefing databases (*.sqlite3 *.db)</source>
        <translation>Briefing 데이터베이스 (*.sqlite3 *.db)</translation>
    </message>
    <message>
        <source>No database created</source>
        <translation>데이터베이스를 만들지 않음</translation>
    </message>
    <message>
        <source>{path} already exists; nothing changed.</source>
        <translation>{path}이(가) 이미 있어 아무것도 바꾸지 않았습니다.</translation>
    </message>
    <message>
        <source>New dossier</source>
        <translation>새 자료철</translation>
    </message>
    <message>
        <source>Title of the negotiation or visit:</source>
        <translation>협상 또는 방문의 제목:</translation>
    </message>
    <message>
        <source>Delete dossier</source>
        <translation>자료철 삭제</translation>
    </message>
    <message>
        <source>Delete the dossier “{title}” ({slug}) and everything in it?

A backup of the database is made first, and Edit ▸ Undo brings it back.</source>
        <translation>자료철 ‘{title}’({slug})과 그 안의 모든 내용을 삭제하시겠습니까?

먼저 데이터베이스를 백업하며, 편집 ▸ 실행 취소로 되돌릴 수 있습니다.</translation>
    </message>
    <message>
        <source>The dossier was not deleted</source>
        <translation>자료철을 삭제하지 못함</translation>
    </message>
    <message>
        <source>; the database as it was is in {path}</source>
        <translation>. 삭제 전 데이터베이스는 {path}에 있습니다</translation>
    </message>
    <message>
        <source>Deleted {title}{said}</source>
        <translation>{title}을(를) 삭제했습니다{said}</translation>
    </message>
    <message>
        <source>Import dossier file</source>
        <translation>자료철 파일 가져오기</translation>
    </message>
    <message>
        <source>Dossier files (*.json);;All files (*)</source>
        <translation>자료철 파일 (*.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>The dossier was not imported</source>
        <translation>자료철을 가져오지 못함</translation>
    </message>
    <message>
        <source>{reason}

Nothing in the database was changed.</source>
        <translation>{reason}

데이터베이스는 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>Export dossier for an audience</source>
        <translation>열람 대상별 자료철 내보내기</translation>
    </message>
    <message>
        <source>Write only what this audience may see:</source>
        <translation>이 열람 대상이 볼 수 있는 내용만 씁니다:</translation>
    </message>
    <message>
        <source> for the {level} audience</source>
        <translation>({level} 열람 대상용)</translation>
    </message>
    <message>
        <source>Export dossier file{whom}</source>
        <translation>자료철 파일 내보내기{whom}</translation>
    </message>
    <message>
        <source>Dossier files (*.json)</source>
        <translation>자료철 파일 (*.json)</translation>
    </message>
    <message>
        <source>The dossier was not exported</source>
        <translation>자료철을 내보내지 못함</translation>
    </message>
    <message>
        <source>Exported {slug}{whom} to {path}</source>
        <translation>{slug}{whom}을(를) {path}(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>No backup made</source>
        <translation>백업하지 못함</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>{path}에 백업했습니다</translation>
    </message>
    <message>
        <source>No backups</source>
        <translation>백업 없음</translation>
    </message>
    <message>
        <source>There are no backups of {path} yet.</source>
        <translation>{path}의 백업이 아직 없습니다.</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>백업 복원</translation>
    </message>
    <message>
        <source>Bring back this copy (the current file is backed up first):</source>
        <translation>이 사본으로 되돌립니다(현재 파일을 먼저 백업합니다):</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>복원하지 못함</translation>
    </message>
    <message>
        <source>Restored {name}; the file as it was is in {safety}</source>
        <translation>{name}을(를) 복원했습니다. 복원 전 파일은 {safety}에 있습니다</translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <source>{value} is not an IANA time zone (e.g. Asia/Seoul, America/New_York)</source>
        <translation>{value}은(는) IANA 시간대가 아닙니다(예: Asia/Seoul, America/New_York)</translation>
    </message>
    <message>
        <source>a colour like #0047A0</source>
        <translation>#0047A0 같은 색 값을 입력하십시오</translation>
    </message>
    <message>
        <source>a three-letter currency code such as USD or KRW</source>
        <translation>USD, KRW 같은 세 글자 통화 코드를 입력하십시오</translation>
    </message>
    <message>
        <source>one per line</source>
        <translation>한 줄에 하나씩</translation>
    </message>
    <message>
        <source>Handle this at a higher level than the record: below it, it is left out</source>
        <translation>이 내용을 항목보다 높은 등급으로 취급합니다. 그보다 낮은 열람 대상에게는 빠집니다</translation>
    </message>
    <message>
        <source>{text} is not a date; write it as YYYY-MM-DD, e.g. 2025-04-24</source>
        <translation>{text}은(는) 날짜가 아닙니다. YYYY-MM-DD 형식으로 쓰십시오(예: 2025-04-24)</translation>
    </message>
    <message>
        <source>{text} is not a time; write it as HH:MM</source>
        <translation>{text}은(는) 시각이 아닙니다. HH:MM 형식으로 쓰십시오</translation>
    </message>
    <message>
        <source>{text} is not a whole number</source>
        <translation>{text}은(는) 정수가 아닙니다</translation>
    </message>
    <message>
        <source>the {field} is missing</source>
        <translation>{field} 항목이 비어 있습니다</translation>
    </message>
    <message>
        <source>Level of {field}</source>
        <translation>{field} 취급 등급</translation>
    </message>
    <message>
        <source>it {problem}</source>
        <translation>{problem}</translation>
    </message>
    <message>
        <source>Choose which…</source>
        <translation>어느 쪽인지 고르십시오…</translation>
    </message>
    <message>
        <source>The clocks show this time twice: choose which one</source>
        <translation>이 시각은 시계에 두 번 나타납니다: 어느 쪽인지 고르십시오</translation>
    </message>
</context>
<context>
    <name>HomeZone</name>
    <message>
        <source>Home time zone</source>
        <translation>본국 시간대</translation>
    </message>
    <message>
        <source>The delegation&apos;s own clock: timed events show their time on it beside the venue&apos;s, and days left are counted on its calendar.</source>
        <translation>대표단 자신의 시계입니다: 시각이 있는 일정은 현지 시각 옆에 이 시계의 시각을 보이고, 남은 날은 이 달력으로 셉니다.</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>시간대</translation>
    </message>
    <message>
        <source>Today: {label}</source>
        <translation>오늘: {label}</translation>
    </message>
    <message>
        <source>{zone} is not a time zone Briefing knows; choose one from the list (e.g. Asia/Seoul, America/New_York)</source>
        <translation>{zone}은(는) Briefing이 아는 시간대가 아닙니다; 목록에서 고르십시오 (예: Asia/Seoul, America/New_York)</translation>
    </message>
</context>
<context>
    <name>Lock</name>
    <message>
        <source>&lt;h2&gt;Locked&lt;/h2&gt;&lt;p&gt;Enter the database passphrase to continue.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;잠김&lt;/h2&gt;&lt;p&gt;계속하려면 데이터베이스 암호문구를 입력하십시오.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>암호문구</translation>
    </message>
    <message>
        <source>Auto-lock</source>
        <translation>자동 잠금</translation>
    </message>
    <message>
        <source>Lock an encrypted database after this many idle minutes:</source>
        <translation>사용하지 않는 시간이 이만큼(분) 지나면 암호화된 데이터베이스를 잠급니다:</translation>
    </message>
    <message>
        <source>That passphrase is not right.</source>
        <translation>암호문구가 맞지 않습니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>개요</translation>
    </message>
    <message>
        <source>Delegations</source>
        <translation>대표단</translation>
    </message>
    <message>
        <source>People</source>
        <translation>인물</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>일정표</translation>
    </message>
    <message>
        <source>Bargaining chips</source>
        <translation>협상 카드</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>출처</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>점검</translation>
    </message>
    <message>
        <source>Running the checks…</source>
        <translation>점검하는 중…</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>탐색</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>데이터베이스를 여는 중…</translation>
    </message>
    <message>
        <source>Open in another window</source>
        <translation>다른 창에서 열려 있음</translation>
    </message>
    <message>
        <source>This database is also open in another Briefing (process {pid} on {host}). Both can edit safely: the other window&apos;s changes show here within a second, and neither saves over a change it has not shown.</source>
        <translation>이 데이터베이스는 다른 Briefing에서도 열려 있습니다({host}의 프로세스 {pid}). 양쪽 모두 안전하게 편집할 수 있습니다. 다른 창의 변경은 1초 안에 여기에 표시되며, 어느 쪽도 표시하지 않은 변경을 덮어쓰지 않습니다.</translation>
    </message>
    <message>
        <source>Read-only: this file cannot be written here; editing is off.</source>
        <translation>읽기 전용: 이 파일은 여기서 쓸 수 없어 편집이 꺼져 있습니다.</translation>
    </message>
    <message>
        <source>Raised: {changes}</source>
        <translation>등급 상향: {changes}</translation>
    </message>
    <message>
        <source>{checking} {percent}%</source>
        <translation>{checking} {percent}%</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation>(읽기 전용)</translation>
    </message>
    <message>
        <source>{people} people · {events} events · {chips} chips · {sources} sources · audience: {audience}</source>
        <translation>인물 {people} · 일정 {events} · 협상 카드 {chips} · 출처 {sources} · 열람 대상: {audience}</translation>
    </message>
    <message>
        <source>About Briefing</source>
        <translation>Briefing 정보</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Briefing {version}&lt;/h3&gt;&lt;p&gt;Briefing books for negotiations and official visits. Works offline; makes no network connection.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Briefing {version}&lt;/h3&gt;&lt;p&gt;협상과 공식 방문을 위한 자료집을 만듭니다. 오프라인으로 작동하며 네트워크에 연결하지 않습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Programme</source>
        <translation>방문 일정</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <source>&lt;p&gt;No dossier.&lt;/p&gt;</source>
        <translation>&lt;p&gt;자료철이 없습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Prepared for: &lt;b&gt;{whom}&lt;/b&gt; · </source>
        <translation>보고 대상: &lt;b&gt;{whom}&lt;/b&gt; · </translation>
    </message>
    <message>
        <source>as of {date} · audience: &lt;b&gt;{level}&lt;/b&gt;</source>
        <translation>기준일 {date} · 열람 대상: &lt;b&gt;{level}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Scene-setter&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;상황 개관&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Next deadlines and key dates&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;다가오는 시한과 주요 일정&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>&lt;p&gt;Nothing scheduled after {day}.&lt;/p&gt;</source>
        <translation>&lt;p&gt;{day} 이후 예정된 일정이 없습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Recently passed deadlines&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;최근 지난 시한&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;In this dossier&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;이 자료철의 구성&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>{count} {kinds}</source>
        <translation>{kinds} {count}</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Open checks&lt;/h2&gt;&lt;p&gt;&lt;i&gt;Running the checks…&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;h2&gt;미해결 점검 사항&lt;/h2&gt;&lt;p&gt;&lt;i&gt;점검하는 중…&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Open checks: {total} ({to_act_on} to act on)&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;미해결 점검 사항: {total}건(조치 필요 {to_act_on}건)&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Days counted from &lt;b&gt;the as-of date, {day}&lt;/b&gt;</source>
        <translation>날짜 계산 기준: &lt;b&gt;기준일({day})&lt;/b&gt;</translation>
    </message>
    <message>
        <source>count from today instead</source>
        <translation>오늘부터 세기</translation>
    </message>
    <message>
        <source>Days counted from &lt;b&gt;today, {day}&lt;/b&gt;</source>
        <translation>날짜 계산 기준: &lt;b&gt;오늘({day})&lt;/b&gt;</translation>
    </message>
    <message>
        <source>count from the as-of date instead</source>
        <translation>기준일부터 세기</translation>
    </message>
    <message>
        <source>Home time zone: &lt;b&gt;{zone}&lt;/b&gt; ({label})</source>
        <translation>본국 시간대: &lt;b&gt;{zone}&lt;/b&gt; ({label})</translation>
    </message>
    <message>
        <source>change</source>
        <translation>바꾸기</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>No dossier is open: File ▸ New dossier starts one.</source>
        <translation>열린 자료철이 없습니다. 파일 ▸ 새 자료철에서 만드십시오.</translation>
    </message>
    <message>
        <source>{none} for the {level} audience.</source>
        <translation>{level} 열람 대상에게 보일 {none}.</translation>
    </message>
    <message>
        <source>{none} in this dossier.</source>
        <translation>이 자료철에 {none}.</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>내용이 없습니다</translation>
    </message>
    <message>
        <source>Filter {page}…</source>
        <translation>{page} 필터…</translation>
    </message>
    <message>
        <source>Filter {page}</source>
        <translation>{page} 필터</translation>
    </message>
    <message>
        <source>Nothing matches the filter.</source>
        <translation>필터에 맞는 항목이 없습니다.</translation>
    </message>
    <message>
        <source>No findings</source>
        <translation>점검 결과가 없습니다</translation>
    </message>
    <message>
        <source>Running the checks…</source>
        <translation>점검하는 중…</translation>
    </message>
    <message>
        <source>No bargaining chips</source>
        <translation>협상 카드가 없습니다</translation>
    </message>
    <message>
        <source>No delegations</source>
        <translation>대표단이 없습니다</translation>
    </message>
    <message>
        <source>No people</source>
        <translation>인물이 없습니다</translation>
    </message>
    <message>
        <source>No sources</source>
        <translation>출처가 없습니다</translation>
    </message>
    <message>
        <source>No events</source>
        <translation>일정이 없습니다</translation>
    </message>
</context>
<context>
    <name>PdfPages</name>
    <message>
        <source>the printer could not be started</source>
        <translation>프린터를 시작하지 못했습니다</translation>
    </message>
    <message>
        <source>the PDF cannot be read: {exc}</source>
        <translation>PDF를 읽을 수 없습니다: {exc}</translation>
    </message>
</context>
<context>
    <name>Programme</name>
    <message>
        <source>No programme: it is made of the flights, transfers, hotels, receptions and press events of a trip, and the meetings on its days.</source>
        <translation>방문 일정이 없습니다: 방문 일정은 출장의 항공편, 이동, 숙소, 리셉션, 언론 일정과 그 기간의 회담으로 이루어집니다.</translation>
    </message>
</context>
<context>
    <name>RaisedEdits</name>
    <message>
        <source>No travel edits passed on to you: every one you may see has been settled.</source>
        <translation>넘겨받은 출장 중 수정이 없습니다. 열람할 수 있는 수정은 모두 처리되었습니다.</translation>
    </message>
    <message>
        <source>A colleague raised these records above the clearance of a traveller who had edited them, so the traveller&apos;s sync could not take the edits in and passed them on to someone cleared to see the record. For each, keep the traveller&apos;s edit (it is merged into the record as it is now) or keep the current record; either is final.</source>
        <translation>출장자가 수정한 뒤 동료가 이 항목들의 등급을 출장자의 인가 등급보다 높였습니다. 그래서 출장자의 동기화가 수정 내용을 반영하지 못하고, 항목을 열람할 수 있는 사람에게 넘겼습니다. 항목마다 출장자의 수정을 반영하거나(현재 항목에 병합) 현재 항목을 유지하십시오. 어느 쪽이든 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Travel edits are passed on to a team server; this window is on a file. Connect to the team server first (File ▸ Connect to a team server…)</source>
        <translation>출장 중 수정은 팀 서버로 넘어옵니다. 이 창은 파일을 열고 있습니다. 먼저 팀 서버에 연결하십시오(파일 ▸ 팀 서버에 연결…)</translation>
    </message>
    <message>
        <source>someone else has settled these edits already, and the list is up to date.</source>
        <translation>다른 사람이 이미 이 수정을 처리했으며, 목록은 최신 상태입니다.</translation>
    </message>
    <message>
        <source>Settle the edits travellers made to records raised above their clearance</source>
        <translation>출장자의 인가 등급보다 높아진 항목에 대한 출장 중 수정을 처리합니다</translation>
    </message>
    <message>
        <source>Travel edits passed on</source>
        <translation>넘겨받은 출장 중 수정</translation>
    </message>
    <message>
        <source>Travel edits message</source>
        <translation>출장 중 수정 메시지</translation>
    </message>
    <message>
        <source>Keep the &amp;traveller&apos;s</source>
        <translation>출장자 수정 반영(&amp;T)</translation>
    </message>
    <message>
        <source>Merge the traveller&apos;s changes into the record as it is now; where both changed a field, the traveller&apos;s value wins</source>
        <translation>출장자의 변경을 현재 항목에 병합합니다. 양쪽이 같은 필드를 바꿨다면 출장자의 값을 따릅니다</translation>
    </message>
    <message>
        <source>Keep &amp;current</source>
        <translation>현재 항목 유지(&amp;C)</translation>
    </message>
    <message>
        <source>Drop the traveller&apos;s edits; the record stays as it is</source>
        <translation>출장자의 수정을 버리고 항목을 그대로 둡니다</translation>
    </message>
    <message>
        <source>The edits passed on cannot be read: {exc}</source>
        <translation>넘겨받은 수정을 읽을 수 없습니다: {exc}</translation>
    </message>
    <message>
        <source>{record} was not settled: {why}</source>
        <translation>{record}을(를) 처리하지 못했습니다: {why}</translation>
    </message>
    <message>
        <source>the traveller&apos;s edit</source>
        <translation>출장자 수정</translation>
    </message>
    <message>
        <source>the current record</source>
        <translation>현재 항목</translation>
    </message>
    <message>
        <source>Settled {record}: kept {kept}.</source>
        <translation>{record} 처리 완료: {kept} 유지.</translation>
    </message>
</context>
<context>
    <name>Refresh</name>
    <message>
        <source>{exc}; press F5 to see them.</source>
        <translation>{exc}. F5를 누르면 표시됩니다.</translation>
    </message>
    <message>
        <source>Changes made by others no longer show by themselves; press F5 to see them.</source>
        <translation>다른 사람의 변경이 더 이상 자동으로 표시되지 않습니다. F5를 누르면 표시됩니다.</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <source>Search everything (Ctrl+K)</source>
        <translation>전체 검색(Ctrl+K)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>검색</translation>
    </message>
</context>
<context>
    <name>Security</name>
    <message>
        <source>Unlock database</source>
        <translation>데이터베이스 잠금 해제</translation>
    </message>
    <message>
        <source>{Path} is encrypted. Passphrase:</source>
        <translation>{Path}은(는) 암호화되어 있습니다. 암호문구:</translation>
    </message>
    <message>
        <source>That passphrase does not open {Path}. Try again:</source>
        <translation>이 암호문구로는 {Path}을(를) 열 수 없습니다. 다시 입력하십시오:</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>새 암호문구</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>암호문구 확인</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>암호문구(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>한 번 더(&amp;R):</translation>
    </message>
    <message>
        <source>Passphrase message</source>
        <translation>암호문구 메시지</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>두 암호문구가 다릅니다.</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>Only a travel copy syncs, and this window is not on one. Take one on the team server with File ▸ Take a copy for travel…, then open it</source>
        <translation>출장용 사본만 동기화할 수 있는데, 이 창은 출장용 사본이 아닙니다. 팀 서버에서 파일 ▸ 출장용 사본 만들기…로 사본을 만든 뒤 여십시오</translation>
    </message>
    <message>
        <source>Send this travel copy&apos;s changes to its team server and bring back the server&apos;s</source>
        <translation>이 출장용 사본의 변경을 팀 서버로 보내고 서버의 변경을 가져옵니다</translation>
    </message>
    <message>
        <source>Settle what this copy and the team server both changed differently</source>
        <translation>이 사본과 팀 서버가 서로 다르게 바꾼 내용을 정리합니다</translation>
    </message>
    <message>
        <source>Sync with the team server</source>
        <translation>팀 서버와 동기화</translation>
    </message>
    <message>
        <source>Only {login}, who took this copy, syncs it</source>
        <translation>이 사본을 만든 {login}만 동기화할 수 있습니다</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>동기화(&amp;S)</translation>
    </message>
    <message>
        <source>1 conflict</source>
        <translation>충돌 1건</translation>
    </message>
    <message>
        <source>{count} conflicts</source>
        <translation>충돌 {count}건</translation>
    </message>
    <message>
        <source> (View ▸ Travel conflicts… to settle them)</source>
        <translation>(보기 ▸ 출장 중 충돌…에서 정리)</translation>
    </message>
    <message>
        <source>Finished the sync cut short</source>
        <translation>중단된 동기화를 마침</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>동기화 완료</translation>
    </message>
    <message>
        <source>{done}: sent {sent}, received {received}, {conflicts}{settle}{passed}</source>
        <translation>{done}: 보냄 {sent}, 받음 {received}, {conflicts}{settle}{passed}</translation>
    </message>
    <message>
        <source>the sync failed ({type})</source>
        <translation>동기화하지 못했습니다({type})</translation>
    </message>
    <message>
        <source>Syncing with {where}…</source>
        <translation>{where}와(과) 동기화하는 중…</translation>
    </message>
    <message>
        <source>Syncing with {where}: {step}…</source>
        <translation>{where}와(과) 동기화하는 중: {step}…</translation>
    </message>
    <message>
        <source>Not synced</source>
        <translation>동기화하지 못함</translation>
    </message>
</context>
<context>
    <name>SyncConflicts</name>
    <message>
        <source>No conflicts: everything this copy and the server both changed has been settled.</source>
        <translation>충돌이 없습니다. 이 사본과 서버가 함께 바꾼 내용은 모두 정리되었습니다.</translation>
    </message>
    <message>
        <source>Where this copy and the team server both changed a place differently, or the server refused the copy&apos;s change, neither side was changed there. Choose a value for each; the next sync takes it to the server.</source>
        <translation>이 사본과 팀 서버가 같은 곳을 서로 다르게 바꿨거나 서버가 사본의 변경을 거부한 곳은 양쪽 모두 바꾸지 않았습니다. 곳마다 값을 고르십시오. 다음 동기화 때 서버에 반영됩니다.</translation>
    </message>
    <message>
        <source>Travel conflicts</source>
        <translation>출장 중 충돌</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>충돌</translation>
    </message>
    <message>
        <source>Conflicts message</source>
        <translation>충돌 메시지</translation>
    </message>
    <message>
        <source>&amp;Keep mine</source>
        <translation>내 값 유지(&amp;K)</translation>
    </message>
    <message>
        <source>Keep this copy&apos;s value; the next sync sends it</source>
        <translation>이 사본의 값을 유지합니다. 다음 동기화 때 보냅니다</translation>
    </message>
    <message>
        <source>&amp;Take theirs</source>
        <translation>서버 값 받기(&amp;T)</translation>
    </message>
    <message>
        <source>Take the server&apos;s value into this copy</source>
        <translation>서버의 값을 이 사본에 가져옵니다</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>편집(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the value yourself, starting from the server&apos;s</source>
        <translation>서버의 값을 바탕으로 직접 값을 씁니다</translation>
    </message>
    <message>
        <source>Edit the value</source>
        <translation>값 편집</translation>
    </message>
    <message>
        <source>{record} · {place}:</source>
        <translation>{record} · {place}:</translation>
    </message>
    <message>
        <source>Settled {record} · {place}.</source>
        <translation>{record} · {place} 정리 완료.</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Lanes by kind</source>
        <translation>유형별 구분</translation>
    </message>
    <message>
        <source>Lanes by party</source>
        <translation>당사자별 구분</translation>
    </message>
    <message>
        <source>Timeline lanes</source>
        <translation>일정표 구분</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>확대</translation>
    </message>
    <message>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation>확대(+, Ctrl+휠)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>축소</translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation>축소(−)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>전체 보기</translation>
    </message>
    <message>
        <source>Show every event</source>
        <translation>모든 일정을 표시합니다</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>Scroll to today (T)</source>
        <translation>오늘로 이동(T)</translation>
    </message>
    <message>
        <source>today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>as of</source>
        <translation>기준일</translation>
    </message>
    <message>
        <source>dashed: the date is known only to the week or month</source>
        <translation>점선: 날짜를 주 또는 월 단위로만 앎</translation>
    </message>
    <message>
        <source>Timeline legend</source>
        <translation>일정표 범례</translation>
    </message>
    <message>
        <source>Timeline chart</source>
        <translation>일정표 차트</translation>
    </message>
</context>
<context>
    <name>Travel</name>
    <message>
        <source>A travel copy is taken from a team server; this window is on a file. Connect to the team server first (File ▸ Connect to a team server…)</source>
        <translation>출장용 사본은 팀 서버에서 만듭니다. 이 창은 파일을 열고 있습니다. 먼저 팀 서버에 연결하십시오(파일 ▸ 팀 서버에 연결…)</translation>
    </message>
    <message>
        <source>Write an encrypted copy of the dossier, holding what you are cleared for, to work offline</source>
        <translation>인가된 범위의 내용만 담은 자료철 암호화 사본을 만들어 오프라인으로 작업합니다</translation>
    </message>
    <message>
        <source>cannot write {target}: {strerror}</source>
        <translation>{target}에 쓸 수 없습니다: {strerror}</translation>
    </message>
    <message>
        <source>the travel copy failed ({type})</source>
        <translation>출장용 사본을 만들지 못했습니다({type})</translation>
    </message>
    <message>
        <source>Take a copy for travel</source>
        <translation>출장용 사본 만들기</translation>
    </message>
    <message>
        <source>Briefing databases (*.sqlite3 *.db)</source>
        <translation>Briefing 데이터베이스 (*.sqlite3 *.db)</translation>
    </message>
    <message>
        <source>Passphrase for the travel copy</source>
        <translation>출장용 사본의 암호문구</translation>
    </message>
    <message>
        <source>{name} is encrypted under a passphrase of your choice. It is asked for whenever the copy is opened, and cannot be recovered if forgotten.</source>
        <translation>{name}은(는) 직접 정한 암호문구로 암호화됩니다. 사본을 열 때마다 묻고, 잊으면 복구할 수 없습니다.</translation>
    </message>
    <message>
        <source>Taking a travel copy of {slug} to {target}…</source>
        <translation>{slug}의 출장용 사본을 {target}에 만드는 중…</translation>
    </message>
    <message>
        <source>No travel copy taken</source>
        <translation>출장용 사본을 만들지 못함</translation>
    </message>
    <message>
        <source>Wrote {name}: travel copy {uid} of {slug}, what {login} is cleared to see</source>
        <translation>{name}을(를) 썼습니다: {slug}의 출장용 사본 {uid}, {login}의 인가 범위</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>The checks did not run: {reason}</source>
        <translation>점검을 실행하지 못했습니다: {reason}</translation>
    </message>
    <message>
        <source>Some records could not be read: {reason}</source>
        <translation>일부 항목을 읽지 못했습니다: {reason}</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>전체 항목</translation>
    </message>
    <message>
        <source>they could not be run ({reason})</source>
        <translation>실행할 수 없습니다({reason})</translation>
    </message>
    <message>
        <source>they stopped with status {status}</source>
        <translation>상태 {status}(으)로 중단되었습니다</translation>
    </message>
</context>
</TS>
