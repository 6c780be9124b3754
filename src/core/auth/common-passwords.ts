/**
 * Passwords of ten characters or more that appear at the top of leaked-password lists, including
 * the ones Chinese users favour (love numbers, pinyin, keyboard walks). Lower case.
 */
const LIST = `
1234567890 0123456789 12345678910 1234567891 0987654321 9876543210 1111111111 0000000000 1234512345
123123123123 1234567890a a1234567890 1234567890q qwertyuiop qwertyuiop123 qwerty12345 qwerty123456
1qaz2wsx3edc 1q2w3e4r5t 1q2w3e4r5t6y 1qazxsw23edc qazwsxedcrfv zaq12wsx3edc asdfghjkl; asdfghjkl123
zxcvbnm123 zxcvbnm1234 qweasdzxc123 password123 password1234 passw0rd123 p@ssw0rd123 password12345
iloveyou123 iloveyou1314 woaini1314 woaini1314520 woaini13145 woaini520 woaini5201314 5201314520 52013145201314 1314520520
woaiwojia123 woaini123456 aini1314520 wodemima123 mima123456 zhangwei123 wangwei123 liuyang123
a123456789 a1234567890 aa123456789 abc1234567 abc12345678 abcd123456 abcd1234567 abc123456789
abcdefg123 qq123456789 qq1234567890 123456789a 123456789q 123456789abc 12345678900 11223344556
123qweasdzxc 1qaz@wsx3edc admin12345 admin123456 administrator root123456 welcome123 welcome1234
sunshine123 princess123 football123 baseball123 superman123 dragon1234 monkey12345 shadow12345
letmein123 trustno1234 michael123 computer123 internet123 starwars123 whatever123 changeme123
linli123456 linli12345 shequ123456 juweihui123 12345678abc 88888888888 66666666666 147258369
1472583690 1597534560 7758521521 7758258520 3344520520 1314521521 a5201314520 wang123456789
zhang123456 li1234567890 liu123456789 chen123456789 yang1234567 huang123456 zhao1234567
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
