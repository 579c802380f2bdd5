// Messages of one area (issue 16: the PDF's signer, key file or PKCS#11 token); the core table
// and the rules for codes are in catalog.cpp.
#include "messages/catalog.hpp"

namespace gongwen::messages {

namespace {

const CatalogEntry kSigning[] = {
    // ---- [signing] in gongwen.toml (pipeline/src/draft/profile.cpp) ---------------------
    {"where.signing", "签名设置 [signing] ", "[signing]"},
    {"profile.signing.store", "签名密钥的存放处 store 只能是 \"key_file\" 或 \"pkcs11\"，不能是“{value}”",
     "the signing key's store must be \"key_file\" or \"pkcs11\", not '{value}'"},
    {"profile.signing.missing", "store = \"pkcs11\" 时须写明“{key}”", "store = \"pkcs11\" needs '{key}'"},
    {"profile.signing.module_path", "PKCS#11 模块 module 须写绝对路径（如 /usr/lib/softhsm/libsofthsm2.so）",
     "the PKCS#11 module must be an absolute path (e.g. /usr/lib/softhsm/libsofthsm2.so)"},
    {"profile.signing.pin_source", "PIN 码须且只须由 pin_env（环境变量名）或 pin_file（文件）之一给出",
     "the PIN comes from exactly one of pin_env (an environment variable's name) or pin_file (a file)"},
    {"profile.signing.pin_inline", "PIN 码不能写在 gongwen.toml 中（能读此文件的人都会看到）",
     "the PIN must not be written in gongwen.toml (everyone who can read the file would see it)"},
    {"profile.signing.pin_inline.hint", "改用 pin_env = \"变量名\" 或 pin_file = \"权限 0600 的文件\"",
     "use pin_env = \"VARIABLE\" or pin_file = \"a file of mode 0600\""},

    // ---- updating a signed package in place (pipeline/src/docx/package.cpp zip_update) ----
    {"package.zip.invalid", "不是有效的 zip 压缩包（{why}）", "not a zip archive ({why})"},

    // ---- the PDF's signature (pipeline/src/sign/sign_pdf.cpp) ----------------------------
    {"signing.cert.no_key", "签名人的证书中没有可用的公钥", "the signer's certificate has no usable public key"},
    {"signing.key.not_its_cert", "签名密钥与其证书不配", "the signing key does not belong to its certificate"},
    {"signing.key.not_its_cert.hint", "用该密钥所作的签名无法用证书验证：请核对密钥和证书是否为同一对",
     "the signature made with the key does not verify with the certificate"},
    {"signing.key_file.failed", "无法用密钥文件签名：{why}", "cannot sign with the key file: {why}"},
    {"signing.cert.unreadable", "无法读取签名人的证书（{why}）", "the signer's certificate cannot be read ({why})"},
    {"signing.cert.unreadable.hint", "检查工作区 keys/ 中的证书，或签名设备上的证书",
     "check keys/ in the workspace, or the certificate on the token"},
    {"signing.cert.file_empty", "[signing] certificate = \"{file}\"：文件中没有 PEM 格式的证书",
     "[signing] certificate = \"{file}\": no PEM certificate in the file"},
    {"signing.digest.failed", "计算 SHA-256 摘要失败", "SHA-256 failed"},

    // ---- the PKCS#11 token (archive/src/pkcs11_signer.cpp) ------------------------------
    {"signing.module.open", "无法载入 PKCS#11 模块 {module}：{why}", "cannot load the PKCS#11 module {module}: {why}"},
    {"signing.module.open.hint", "检查 gongwen.toml [signing] 中的 module 路径，以及该 UKey 或密码机的驱动是否已安装",
     "check module in [signing] of gongwen.toml and that the token's driver is installed"},
    {"signing.token.call", "签名设备 {token} 拒绝了 {call}（{rv}）", "the token {token} refused {call} ({rv})"},
    {"signing.token.not_found", "未找到标签为“{token}”的签名设备（UKey 或密码机）",
     "no token labelled '{token}' is present"},
    {"signing.token.not_found.hint", "插入该 UKey，或检查 gongwen.toml [signing] 中的 token 标签",
     "insert the token, or check token in [signing] of gongwen.toml"},
    {"signing.pin.missing", "签名设备的 PIN 码未给出：{where}", "the token's PIN is not given: {where}"},
    {"signing.pin.missing.env", "环境变量 {name} 未设置或为空", "environment variable {name} is unset or empty"},
    {"signing.pin.missing.file", "文件 {file} 不存在或为空", "file {file} is missing or empty"},
    {"signing.pin.file_mode", "PIN 码文件 {file} 可被其他用户读取，不予使用", "the PIN file {file} is readable by others; it is not used"},
    {"signing.pin.file_mode.hint", "chmod 600 {file}", "chmod 600 {file}"},
    {"signing.pin.wrong", "签名设备 {token} 的 PIN 码不正确", "the PIN of token {token} is wrong"},
    {"signing.pin.wrong.hint", "多次输错会锁定设备；请核对 PIN 码后再试",
     "repeated wrong PINs lock the token; check the PIN before trying again"},
    {"signing.pin.locked", "签名设备 {token} 的 PIN 码已被锁定", "the PIN of token {token} is locked"},
    {"signing.key.not_found", "签名设备 {token} 上没有标签为“{key}”的私钥", "token {token} holds no private key labelled '{key}'"},
    {"signing.key.kind", "签名设备 {token} 上的密钥“{key}”不是 RSA 或 EC P-256 密钥",
     "the key '{key}' on token {token} is neither RSA nor EC P-256"},
    {"signing.cert.not_found", "签名设备 {token} 上没有标签为“{key}”的证书，gongwen.toml 也未指定证书文件",
     "token {token} holds no certificate labelled '{key}' and gongwen.toml names no certificate file"},
    {"signing.cert.not_found.hint", "把证书写入设备（与私钥同一标签），或在 [signing] 中写 certificate = \"证书.pem\"",
     "write the certificate onto the token under the key's label, or set certificate = \"CERT.pem\" in [signing]"},
    {"signing.cert.mismatch", "签名设备 {token} 上的私钥“{key}”与其证书不匹配",
     "the key '{key}' on token {token} does not belong to its certificate"},
};

}  // namespace

std::span<const CatalogEntry> entries_signing() { return kSigning; }

}  // namespace gongwen::messages
